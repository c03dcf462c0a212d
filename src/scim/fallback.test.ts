/**
 * The PUT fallback for targets without PATCH (RFC 7644 §3.5.1/§3.5.2): local PATCH application,
 * If-Match with re-read on 412 (§3.14), and groups whose members cannot be seen.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import { ScimError } from "./errors.js";
import { filter, valuePath } from "./filter.js";
import { patchOp } from "./patch.js";
import { calls, clientFor, hidingMembersProxy, interceptingAgent, rawRequest } from "./testing.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function noPatchTarget(): Promise<ScimTarget> {
  const t = await startScimTarget({ profile: "no-patch" });
  cleanup.push(() => t.close());
  return t;
}

function seedAda(t: ScimTarget): string {
  t.seedUsers(1, () => ({
    userName: "ada@x.test",
    displayName: "Ada",
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [
      { value: "ada@x.test", type: "work", primary: true },
      { value: "ada@home.test", type: "home" },
    ],
    // Read-only on a User (RFC 7643 §4.1.2): must not be sent back in a PUT.
    groups: [{ value: "g1", display: "Admins" }],
  }));
  return t.users()[0]!.id;
}

describe("modify falls back to GET + PUT where PATCH is unsupported", () => {
  it("applies value-path, sub-attribute, add and remove operations locally and PUTs the result with If-Match", async () => {
    const target = await noPatchTarget();
    const id = seedAda(target);
    const version = target.users()[0]!.meta.version;
    const { client } = clientFor(target);
    cleanup.push(() => client.close());

    await client.users.modify(id, [
      patchOp.replace(valuePath("emails", filter.eq("type", "work"), "value"), "ada@new.test"),
      patchOp.replace("name.givenName", "Augusta"),
      patchOp.remove(valuePath("emails", filter.eq("type", "home"))),
      patchOp.add("phoneNumbers", [{ value: "+1 555", type: "work" }]),
      patchOp.replace(undefined, { title: "Countess" }),
    ]);

    expect(calls(target)).toEqual([`PATCH /Users/${id}`, `GET /Users/${id}`, `PUT /Users/${id}`]);
    expect(target.requests.map((r) => r.status)).toEqual([501, 200, 200]);
    const put = target.requests[2]!;
    expect(put.headers["if-match"]).toBe(version);
    expect(put.body).toEqual({
      schemas: [USER],
      id,
      userName: "ada@x.test",
      displayName: "Ada",
      name: { givenName: "Augusta", familyName: "Lovelace" },
      emails: [{ value: "ada@new.test", type: "work", primary: true }],
      phoneNumbers: [{ value: "+1 555", type: "work" }],
      active: true,
      title: "Countess",
    });
    expect(client.capabilities().patch).toBe(false);
  });

  it("goes straight to GET + PUT once PATCH is known to be unsupported", async () => {
    const target = await noPatchTarget();
    const id = seedAda(target);
    const { client } = clientFor(target);
    cleanup.push(() => client.close());
    await client.users.modify(id, [patchOp.replace("displayName", "A")]);
    target.clearRequests();
    await client.users.modify(id, [patchOp.replace("displayName", "B")]);
    await client.users.setActive(id, false);
    expect(calls(target)).toEqual([
      `GET /Users/${id}`,
      `PUT /Users/${id}`,
      `GET /Users/${id}`,
      `PUT /Users/${id}`,
    ]);
    expect(target.users()[0]).toMatchObject({ displayName: "B", active: false });
  });

  it("rejects an operation it cannot apply locally without sending a PUT", async () => {
    const target = await noPatchTarget();
    const id = seedAda(target);
    const { client } = clientFor(target, { capabilities: { patch: false } });
    cleanup.push(() => client.close());
    const err = await client.users
      .modify(id, [patchOp.replace("emails[type eq", "x")])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimError);
    expect(err).toMatchObject({ category: "rejected", scimType: "invalidSyntax" });
    expect(calls(target)).toEqual([`GET /Users/${id}`]);
  });
});

describe("the PUT fallback guards against concurrent writers with If-Match", () => {
  it("re-reads and re-applies after a 412, keeping the other writer's change", async () => {
    const target = await noPatchTarget();
    const id = seedAda(target);
    const agent = interceptingAgent("PUT");
    const { client } = clientFor(target, { dispatcher: agent.dispatcher, capabilities: { patch: false } });
    cleanup.push(() => agent.close());
    agent.arm(async () => {
      const current = (await rawRequest(target, "GET", `/Users/${id}`)).body;
      const { meta: _m, ...rest } = current;
      expect((await rawRequest(target, "PUT", `/Users/${id}`, { ...rest, title: "Other" })).status).toBe(200);
    });
    const v1 = target.users()[0]!.meta.version;

    await client.users.modify(id, [patchOp.replace("name.givenName", "Augusta")]);

    expect(calls(target)).toEqual([
      `GET /Users/${id}`, // client
      `GET /Users/${id}`, // other writer
      `PUT /Users/${id}`, // other writer
      `PUT /Users/${id}`, // client, stale If-Match
      `GET /Users/${id}`, // client re-reads
      `PUT /Users/${id}`, // client re-applies
    ]);
    expect(target.requests.map((r) => r.status)).toEqual([200, 200, 200, 412, 200, 200]);
    const v2 = target.requests[5]!.headers["if-match"];
    expect(target.requests[3]!.headers["if-match"]).toBe(v1);
    expect(v2).toBeDefined();
    expect(v2).not.toBe(v1);
    expect(target.requests[5]!.body).toMatchObject({ title: "Other", name: { givenName: "Augusta" } });
    expect(target.users()[0]).toMatchObject({ title: "Other", name: { givenName: "Augusta" } });
  });

  it("fails as conflict after three rounds that all meet a concurrent change", async () => {
    const target = await noPatchTarget();
    const id = seedAda(target);
    const agent = interceptingAgent("PUT");
    const { client } = clientFor(target, { dispatcher: agent.dispatcher, capabilities: { patch: false } });
    cleanup.push(() => agent.close());
    let writes = 0;
    const otherWriter = async (): Promise<void> => {
      const { meta: _m, ...rest } = (await rawRequest(target, "GET", `/Users/${id}`)).body;
      await rawRequest(target, "PUT", `/Users/${id}`, { ...rest, title: `Other ${++writes}` });
      // rawRequest uses global fetch, not the agent: only the client's PUTs are intercepted.
      if (writes < 3) agent.arm(otherWriter);
    };
    agent.arm(otherWriter);

    const err = await client.users.modify(id, [patchOp.replace("displayName", "Mine")]).catch((e) => e);

    expect(err).toMatchObject({ category: "conflict", status: 412 });
    expect((err as ScimError).detail).toMatch(/changed between GET and PUT on each of 3 attempts/);
    const clientPuts = target.requests.filter((r) => r.method === "PUT" && r.headers["if-match"]);
    expect(clientPuts.map((r) => r.status)).toEqual([412, 412, 412]);
    expect(target.users()[0]).toMatchObject({ displayName: "Ada", title: "Other 3" });
  });
});

describe("the group PUT fallback never wipes members it cannot see", () => {
  async function hiddenMembers(hide: "always" | "unlessAsked", caps = {}) {
    const target = await noPatchTarget();
    target.seedUsers(3);
    const [a, b, c] = target.users().map((u) => u.id) as [string, string, string];
    target.seedGroups(1, () => ({ displayName: "Sales", members: [{ value: a }, { value: b }] }));
    const groupId = target.groups()[0]!.id;
    const proxy = await hidingMembersProxy(target, hide);
    cleanup.push(() => proxy.close());
    const { client } = clientFor(target, { baseUrl: proxy.url, capabilities: caps });
    cleanup.push(() => client.close());
    return { target, client, groupId, a, b, c };
  }

  it("asks for members explicitly and keeps them when the target shows them only on request", async () => {
    const { target, client, groupId, a, b, c } = await hiddenMembers("unlessAsked");
    await client.groups.addMembers(groupId, [c]);
    expect(calls(target)).toEqual([
      `PATCH /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `PUT /Groups/${groupId}`,
    ]);
    expect(target.requests[2]!.query).toEqual({ attributes: "members" });
    expect(target.requests[3]!.body).toMatchObject({
      displayName: "Sales",
      members: [
        { value: a, type: "User" },
        { value: b, type: "User" },
        { value: c }, // display/$ref are server-computed and never sent
      ],
    });
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([a, b, c]);
  });

  it("refuses as rejected, sending no PUT, when the target hides members even on request", async () => {
    const { target, client, groupId, a, b, c } = await hiddenMembers("always", {
      groupListIncludesMembers: false,
    });
    const err = await client.groups.addMembers(groupId, [c]).catch((e: unknown) => e);
    expect(err).toMatchObject({ category: "rejected" });
    expect((err as ScimError).detail).toMatch(/without "members".*this target hides members/);
    const rename = await client.groups
      .modify(groupId, [patchOp.replace("displayName", "Renamed")])
      .catch((e: unknown) => e);
    expect(rename).toMatchObject({ category: "rejected" });
    expect(calls(target)).toEqual([
      `PATCH /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
      `GET /Groups/${groupId}`,
    ]);
    expect(target.groups()[0]).toMatchObject({ displayName: "Sales" });
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([a, b]);
  });

  it("treats an omitted members attribute as empty only once the probe saw the target return members", async () => {
    const target = await noPatchTarget();
    target.seedUsers(1);
    const userId = target.users()[0]!.id;
    const { client } = clientFor(target);
    cleanup.push(() => client.close());
    const group = await client.groups.create({ displayName: "Empty" });

    const refused = await client.groups.addMembers(group.id, [userId]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ category: "rejected" });
    expect((refused as ScimError).detail).toMatch(/nothing proves the group is empty/);

    expect((await client.probe()).groupListIncludesMembers).toBe(true);
    target.clearRequests();
    await client.groups.addMembers(group.id, [userId]);
    expect(calls(target)).toEqual([
      `GET /Groups/${group.id}`,
      `GET /Groups/${group.id}`,
      `PUT /Groups/${group.id}`,
    ]);
    expect(target.requests[2]!.body).toMatchObject({ members: [{ value: userId }] });
    expect(target.groups()[0]!.members?.map((m) => m.value)).toEqual([userId]);
  });
});
