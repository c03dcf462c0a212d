import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import { filter, valuePath } from "./filter.js";
import { patchOp } from "./patch.js";
import { calls, clientFor } from "./testing.js";

let target: ScimTarget;
beforeAll(async () => {
  target = await startScimTarget({ profile: "strict" });
});
afterAll(() => target.close());
beforeEach(() => target.reset());

const retry = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 10_000 };
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

describe("users: create, get, replace, modify, delete", () => {
  it("runs the full lifecycle with exactly the expected requests", async () => {
    const { client } = clientFor(target);
    const created = await client.users.create({
      userName: "ada@x.test",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada@x.test", type: "work", primary: true }],
      active: true,
    });
    expect(created.id).toBeTruthy();
    const got = await client.users.get(created.id);
    expect(got.meta?.resourceType).toBe("User");
    await client.users.replace(created.id, { ...got, displayName: "Ada L." });
    await client.users.modify(created.id, [
      patchOp.replace(valuePath("emails", filter.eq("type", "work"), "value"), "ada@new.test"),
      patchOp.replace("name.givenName", "Augusta"),
    ]);
    await client.users.delete(created.id);
    await client.users.delete(created.id);
    const id = created.id;
    expect(calls(target)).toEqual([
      "POST /Users",
      `GET /Users/${id}`,
      `PUT /Users/${id}`,
      `PATCH /Users/${id}`,
      `DELETE /Users/${id}`,
      `DELETE /Users/${id}`,
    ]);
    expect(target.requests.map((r) => r.status)).toEqual([201, 200, 200, 200, 204, 404]);
    expect(target.requests[3]!.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "replace", path: 'emails[type eq "work"].value', value: "ada@new.test" },
        { op: "replace", path: "name.givenName", value: "Augusta" },
      ],
    });
    expect(target.requests[2]!.body).toMatchObject({ schemas: [USER], id, displayName: "Ada L." });
    expect(target.requests[2]!.body).not.toHaveProperty("meta");
    await client.close();
  });

  it("throws notFound for an unknown id and treats DELETE 404 as success", async () => {
    const { client } = clientFor(target);
    await expect(client.users.get("nope")).rejects.toMatchObject({ category: "notFound", status: 404 });
    await expect(client.users.delete("nope")).resolves.toBeUndefined();
    await client.close();
  });

  it("finds a user whose userName contains quotes and backslashes by an escaped filter", async () => {
    const { client } = clientFor(target);
    const userName = 'we"ird\\name@x.test';
    const created = await client.users.create({ userName });
    target.clearRequests();
    const found = await client.users.findByUserName(userName);
    expect(found?.id).toBe(created.id);
    expect(target.requests[0]!.query.filter).toBe('userName eq "we\\"ird\\\\name@x.test"');
    await client.close();
  });
});

describe("users: creates are never duplicated by retries", () => {
  it("looks the user up after a 201 without id and returns it instead of POSTing again", async () => {
    const { client } = clientFor(target, { retry });
    target.failNext(1, "missingId", { method: "POST" });
    const u = await client.users.create({ userName: "m@x.test" });
    expect(u.userName).toBe("m@x.test");
    expect(calls(target)).toEqual(["POST /Users", "GET /Users"]);
    expect(target.requests[1]!.query.filter).toBe('userName eq "m@x.test"');
    expect(target.users()).toHaveLength(1);
    await client.close();
  });

  it("looks the user up after a truncated response body and returns it", async () => {
    const { client } = clientFor(target, { retry });
    target.failNext(1, "malformed", { method: "POST" });
    const u = await client.users.create({ userName: "t@x.test" });
    expect(u.id).toBe(target.users()[0]!.id);
    expect(calls(target)).toEqual(["POST /Users", "GET /Users"]);
    await client.close();
  });

  it.each(["500", "reset", "timeout", "503"] as const)(
    "re-POSTs after a %s only when the lookup finds nothing",
    async (kind) => {
      const { client } = clientFor(target, { retry, timeoutMs: 300 });
      target.failNext(1, kind, { method: "POST" });
      await client.users.create({ userName: `${kind}@x.test` });
      expect(calls(target)).toEqual(["POST /Users", "GET /Users", "POST /Users"]);
      expect(target.users()).toHaveLength(1);
      await client.close();
    },
  );

  it("does not look up after a 429 (nothing was created) but simply retries", async () => {
    const { client } = clientFor(target, { retry });
    target.failNext(1, "429", { method: "POST" });
    await client.users.create({ userName: "r@x.test" });
    expect(calls(target)).toEqual(["POST /Users", "POST /Users"]);
    await client.close();
  });

  it("resolves a 409 uniqueness on a re-sent create to the existing user", async () => {
    const { client } = clientFor(target, { retry });
    target.failNext(1, "missingId", { method: "POST" });
    // The lookup after the first POST fails four times (its own retries exhausted) → the client re-POSTs.
    target.failNext(4, "500", { method: "GET" });
    const u = await client.users.create({ userName: "c@x.test" });
    expect(u.id).toBe(target.users()[0]!.id);
    expect(target.users()).toHaveLength(1);
    expect(target.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([201, 409]);
    await client.close();
  });

  it("reports a first-attempt 409 as a conflict (the caller links the existing account)", async () => {
    const { client } = clientFor(target);
    await client.users.create({ userName: "dup@x.test" });
    await expect(client.users.create({ userName: "dup@x.test" })).rejects.toMatchObject({
      category: "conflict",
      status: 409,
      scimType: "uniqueness",
    });
    await client.close();
  });
});

describe("users: setActive", () => {
  it("deactivates with PATCH replace active:false", async () => {
    const { client } = clientFor(target);
    const u = await client.users.create({ userName: "d@x.test", active: true });
    target.clearRequests();
    await client.users.setActive(u.id, false);
    expect(target.requests[0]!.body).toMatchObject({
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(target.users()[0]!.active).toBe(false);
    await client.close();
  });

  it("falls back to GET + PUT on a target without PATCH", async () => {
    const noPatch = await startScimTarget({ profile: "no-patch" });
    const { client } = clientFor(noPatch);
    const u = await client.users.create({ userName: "np@x.test", displayName: "Keep Me", active: true });
    noPatch.clearRequests();
    await client.users.setActive(u.id, false);
    expect(calls(noPatch)).toEqual([`PATCH /Users/${u.id}`, `GET /Users/${u.id}`, `PUT /Users/${u.id}`]);
    expect(noPatch.users()[0]).toMatchObject({ active: false, displayName: "Keep Me" });
    expect(client.capabilities().patch).toBe(false);
    await client.close();
    await noPatch.close();
  });
});
