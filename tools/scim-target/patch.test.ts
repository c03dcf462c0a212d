import { describe, expect, it } from "vitest";
import { GROUP_SCHEMA } from "./schemas.js";
import { client, patch, target, user } from "./test-helpers.js";

async function withUser(extra: Record<string, unknown> = {}) {
  const t = await target();
  const call = client(t);
  const { body: u } = await call("POST", "/Users", user("a@x.io", extra));
  return { t, call, u };
}

describe("PATCH Users", () => {
  it("replaces a value through a value-path filter", async () => {
    const { call, u } = await withUser({
      emails: [
        { value: "a@x.io", type: "work", primary: true },
        { value: "a@home.io", type: "home" },
      ],
    });
    const r = await call(
      "PATCH",
      `/Users/${u.id}`,
      patch({ op: "replace", path: 'emails[type eq "work"].value', value: "b@x.io" }),
    );
    expect(r.status).toBe(200);
    expect(r.body.emails).toEqual([
      { value: "b@x.io", type: "work", primary: true },
      { value: "a@home.io", type: "home" },
    ]);
    expect(r.body.meta.version).toBe('W/"2"');
  });

  it("accepts capitalised op names and a path-less replace (Entra shapes)", async () => {
    const { call, u } = await withUser({ active: true });
    const r = await call(
      "PATCH",
      `/Users/${u.id}`,
      patch({ op: "Replace", value: { active: false, displayName: "A" } }),
    );
    expect(r.body).toMatchObject({ active: false, displayName: "A" });
  });

  it("sets an enterprise extension attribute by its full path", async () => {
    const { call, u } = await withUser();
    const path = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";
    const r = await call("PATCH", `/Users/${u.id}`, patch({ op: "add", path, value: "R&D" }));
    expect(r.status).toBe(200);
    expect(r.body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).toEqual({
      department: "R&D",
    });
  });

  it("rejects invalid operations with the RFC scimType", async () => {
    const { call, u } = await withUser();
    const send = async (body: unknown) => (await call("PATCH", `/Users/${u.id}`, body)).body;
    expect(await send(patch({ op: "move", path: "userName", value: "x" }))).toMatchObject({
      status: "400",
      scimType: "invalidSyntax",
    });
    expect(await send({ Operations: [{ op: "add", path: "title", value: "x" }] })).toMatchObject({
      scimType: "invalidSyntax",
    });
    expect(await send(patch({ op: "replace", path: "shoeSize", value: 42 }))).toMatchObject({
      scimType: "invalidPath",
    });
    expect(await send(patch({ op: "replace", path: "id", value: "x" }))).toMatchObject({
      scimType: "mutability",
    });
    expect(await send(patch({ op: "remove" }))).toMatchObject({ scimType: "noTarget" });
    expect(await send(patch({ op: "replace", path: "active", value: "yes" }))).toMatchObject({
      scimType: "invalidValue",
    });
  });

  it("answers 409 when a PATCH renames a user onto a taken userName", async () => {
    const { call, u } = await withUser();
    await call("POST", "/Users", user("b@x.io"));
    const r = await call(
      "PATCH",
      `/Users/${u.id}`,
      patch({ op: "replace", path: "userName", value: "B@x.io" }),
    );
    expect(r.status).toBe(409);
  });
});

describe("PATCH Group members", () => {
  async function group() {
    const t = await target();
    t.seedUsers(3);
    const ids = t.users().map((u) => u.id);
    const call = client(t);
    const { body: g } = await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Eng" });
    return { t, call, g, ids };
  }

  it("adds members without duplicates and fills display and $ref", async () => {
    const { t, call, g, ids } = await group();
    const add = (v: string[]) => patch({ op: "add", path: "members", value: v.map((value) => ({ value })) });
    await call("PATCH", `/Groups/${g.id}`, add([ids[0]!, ids[1]!]));
    const r = await call("PATCH", `/Groups/${g.id}`, add([ids[1]!]));
    expect(r.body.members.map((m: { value: string }) => m.value)).toEqual([ids[0], ids[1]]);
    expect(r.body.members[0]).toEqual({
      value: ids[0],
      display: "User 0",
      $ref: `${t.url}/Users/${ids[0]}`,
      type: "User",
    });
  });

  it("removes members given as a value array or by a value filter", async () => {
    const { t, call, g, ids } = await group();
    await call(
      "PATCH",
      `/Groups/${g.id}`,
      patch({ op: "add", path: "members", value: ids.map((value) => ({ value })) }),
    );
    await call(
      "PATCH",
      `/Groups/${g.id}`,
      patch({ op: "remove", path: "members", value: [{ value: ids[0] }] }),
    );
    const r = await call(
      "PATCH",
      `/Groups/${g.id}`,
      patch({ op: "remove", path: `members[value eq "${ids[2]}"]` }),
    );
    expect(r.body.members.map((m: { value: string }) => m.value)).toEqual([ids[1]]);
    expect(t.groups()[0]?.members).toHaveLength(1);
  });

  it("rejects adding a member id that does not exist in strict", async () => {
    const { call, g } = await group();
    const r = await call(
      "PATCH",
      `/Groups/${g.id}`,
      patch({ op: "add", path: "members", value: [{ value: "ghost" }] }),
    );
    expect(r.body).toMatchObject({ status: "400", scimType: "invalidValue" });
  });
});

describe("PATCH in lenient profiles", () => {
  it("ignores an unchanged id in a path-less replace (Entra group rename)", async () => {
    const t = await target({ profile: "slack-like" });
    t.seedGroups(1);
    const g = t.groups()[0]!;
    const r = await client(t)(
      "PATCH",
      `/Groups/${g.id}`,
      patch({ op: "Replace", value: { id: g.id, displayName: "New" } }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: g.id, displayName: "New" });
  });
});
