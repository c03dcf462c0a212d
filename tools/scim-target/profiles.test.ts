import { describe, expect, it } from "vitest";
import { GROUP_SCHEMA, USER_SCHEMA } from "./schemas.js";
import { client, patch, q, target, user } from "./test-helpers.js";

describe("profile aws", () => {
  it("accepts only eq and and in filters", async () => {
    const t = await target({ profile: "aws" });
    const call = client(t);
    expect((await call("GET", `/Users${q('userName eq "a" and active eq true')}`)).status).toBe(200);
    for (const f of ['userName co "a"', 'userName eq "a" or userName eq "b"', "title pr"]) {
      expect((await call("GET", `/Users${q(f)}`)).body).toMatchObject({
        status: "400",
        scimType: "invalidFilter",
      });
    }
  });

  it("lists groups without members but returns them on GET by id", async () => {
    const t = await target({ profile: "aws" });
    t.seedUsers(1);
    t.seedGroups(1, () => ({ members: [{ value: t.users()[0]!.id }] }));
    const call = client(t);
    const list = await call("GET", "/Groups");
    expect(list.body.Resources[0].members).toBeUndefined();
    expect((await call("GET", `/Groups/${t.groups()[0]!.id}`)).body.members).toHaveLength(1);
  });

  it("rejects more than 100 member operations in one PATCH and more than one email", async () => {
    const t = await target({ profile: "aws" });
    t.seedUsers(101);
    t.seedGroups(1);
    const call = client(t);
    const value = t.users().map((u) => ({ value: u.id }));
    const r = await call(
      "PATCH",
      `/Groups/${t.groups()[0]!.id}`,
      patch({ op: "add", path: "members", value }),
    );
    expect(r.status).toBe(400);
    const ok = await call(
      "PATCH",
      `/Groups/${t.groups()[0]!.id}`,
      patch({ op: "add", path: "members", value: value.slice(1) }),
    );
    expect(ok.status).toBe(200);
    const emails = [{ value: "a@x.io" }, { value: "b@x.io" }];
    expect((await call("POST", "/Users", user("a@x.io", { emails }))).status).toBe(400);
  });

  it("offers no /.search and advertises cursor pagination", async () => {
    const t = await target({ profile: "aws" });
    const call = client(t);
    expect((await call("POST", "/Users/.search", { filter: 'userName eq "a"' })).status).toBe(404);
    const spc = await call("GET", "/ServiceProviderConfig");
    expect(spc.body.pagination).toMatchObject({ cursor: true, maxPageSize: 100 });
  });
});

describe("profiles that drop a verb", () => {
  it("no-patch answers PATCH with 501, says so in ServiceProviderConfig, and accepts PUT", async () => {
    const t = await target({ profile: "no-patch" });
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io"));
    expect(
      (await call("PATCH", `/Users/${u.id}`, patch({ op: "replace", path: "active", value: false }))).status,
    ).toBe(501);
    expect((await call("GET", "/ServiceProviderConfig")).body.patch).toEqual({ supported: false });
    expect((await call("PUT", `/Users/${u.id}`, user("a@x.io", { active: false }))).status).toBe(200);
  });

  it("patch-only answers PUT with 405 and accepts PATCH", async () => {
    const t = await target({ profile: "patch-only" });
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io"));
    expect((await call("PUT", `/Users/${u.id}`, user("a@x.io"))).status).toBe(405);
    expect(
      (await call("PATCH", `/Users/${u.id}`, patch({ op: "replace", path: "active", value: false }))).status,
    ).toBe(200);
  });
});

describe("profiles for content types and discovery", () => {
  it("strict serves discovery with the core schemas", async () => {
    const t = await target();
    const call = client(t);
    const schemas = await call("GET", "/Schemas");
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toContain(USER_SCHEMA);
    expect((await call("GET", `/Schemas/${GROUP_SCHEMA}`)).body.name).toBe("Group");
    expect((await call("GET", "/ResourceTypes/User")).body.endpoint).toBe("/Users");
    expect((await call("GET", "/ServiceProviderConfig")).body.patch).toEqual({ supported: true });
  });

  it("plain-json answers application/json and rejects application/scim+json bodies with 415", async () => {
    const t = await target({ profile: "plain-json" });
    const call = client(t);
    const rejected = await call("POST", "/Users", user("a@x.io"));
    expect(rejected.status).toBe(415);
    const ok = await call("POST", "/Users", user("a@x.io"), { "content-type": "application/json" });
    expect(ok.status).toBe(201);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("no-discovery answers 404 on ServiceProviderConfig, Schemas and ResourceTypes", async () => {
    const t = await target({ profile: "no-discovery" });
    const call = client(t);
    for (const p of ["/ServiceProviderConfig", "/Schemas", "/ResourceTypes"]) {
      expect((await call("GET", p)).status).toBe(404);
    }
    expect((await call("GET", "/Users")).status).toBe(200);
  });
});

describe("profiles for timing and deletes", () => {
  it("slow adds latency to every request", async () => {
    const t = await target({ profile: "slow", latencyMs: 80 });
    const started = performance.now();
    await client(t)("GET", "/Users");
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("rate-limited answers 429 with Retry-After past N requests per window", async () => {
    const t = await target({ profile: "rate-limited", rateLimit: { requests: 3, windowMs: 60_000 } });
    const call = client(t);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("GET", "/Users")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const r = await call("GET", "/Users");
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("slack-like only deactivates a deleted user, who is still returned by GET", async () => {
    const t = await target({ profile: "slack-like" });
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io", { active: true }));
    expect((await call("DELETE", `/Users/${u.id}`)).status).toBe(204);
    const r = await call("GET", `/Users/${u.id}`);
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
  });
});
