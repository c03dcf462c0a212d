import { describe, expect, it } from "vitest";
import { ERROR_SCHEMA } from "./errors.js";
import { GROUP_SCHEMA } from "./schemas.js";
import { client, target, user } from "./test-helpers.js";

describe("Users CRUD", () => {
  it("creates a user with 201, Location, ETag and meta, ignoring a client-sent id", async () => {
    const t = await target();
    const call = client(t);
    const r = await call("POST", "/Users", user("ada@example.com", { id: "mine", active: true }));
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(r.body.id).not.toBe("mine");
    expect(r.body.meta).toMatchObject({ resourceType: "User", version: 'W/"1"' });
    expect(r.headers.get("location")).toBe(`${t.url}/Users/${r.body.id}`);
    expect(r.headers.get("etag")).toBe(r.body.meta.version);
    expect((await call("GET", `/Users/${r.body.id}`)).body.userName).toBe("ada@example.com");
  });

  it("rejects a second user with the same userName in any case with 409 uniqueness", async () => {
    const t = await target();
    const call = client(t);
    await call("POST", "/Users", user("ada@example.com"));
    const r = await call("POST", "/Users", user("ADA@example.com"));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "409", scimType: "uniqueness" });
  });

  it("replaces a user with PUT and bumps the version", async () => {
    const t = await target();
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io", { displayName: "A" }));
    const r = await call("PUT", `/Users/${u.id}`, user("a@x.io", { active: false }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.id, active: false, meta: { version: 'W/"2"' } });
    expect(r.body.displayName).toBeUndefined();
  });

  it("deletes with 204, then answers 404 for the id", async () => {
    const t = await target();
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io"));
    expect((await call("DELETE", `/Users/${u.id}`)).status).toBe(204);
    const r = await call("GET", `/Users/${u.id}`);
    expect(r.status).toBe(404);
    expect(r.body.status).toBe("404");
    expect((await call("DELETE", `/Users/${u.id}`)).status).toBe(404);
  });

  it("removes a deleted user from every group's members", async () => {
    const t = await target();
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io"));
    const { body: g } = await call("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "Eng",
      members: [{ value: u.id }],
    });
    expect(g.members).toEqual([
      { value: u.id, display: "a@x.io", $ref: `${t.url}/Users/${u.id}`, type: "User" },
    ]);
    await call("DELETE", `/Users/${u.id}`);
    expect((await call("GET", `/Groups/${g.id}`)).body.members).toEqual([]);
  });

  it("answers 412 when If-Match names an old version and proceeds when it names the current one", async () => {
    const t = await target();
    const call = client(t);
    const { body: u } = await call("POST", "/Users", user("a@x.io"));
    await call("PUT", `/Users/${u.id}`, user("a@x.io", { displayName: "B" }));
    const stale = await call("PUT", `/Users/${u.id}`, user("a@x.io"), { "if-match": 'W/"1"' });
    expect(stale.status).toBe(412);
    const ok = await call("DELETE", `/Users/${u.id}`, undefined, { "if-match": 'W/"2"' });
    expect(ok.status).toBe(204);
  });

  it("rejects missing or unknown schemas and wrong types in the strict profile", async () => {
    const t = await target();
    const call = client(t);
    expect((await call("POST", "/Users", { userName: "a" })).body.scimType).toBe("invalidSyntax");
    const unknown = await call("POST", "/Users", { schemas: ["urn:x"], userName: "a" });
    expect(unknown.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect((await call("POST", "/Users", user("a", { active: "yes" }))).body.scimType).toBe("invalidValue");
    expect((await call("POST", "/Users", user(""))).status).toBe(400);
  });

  it("answers 400 invalidSyntax to a body that is not JSON", async () => {
    const t = await target();
    const r = await fetch(`${t.url}/Users`, {
      method: "POST",
      headers: { authorization: "Bearer secret", "content-type": "application/scim+json" },
      body: "{nope",
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ scimType: "invalidSyntax" });
  });
});

describe("Groups", () => {
  it("rejects a duplicate displayName with 409 and unknown member ids with 400 in strict", async () => {
    const t = await target();
    const call = client(t);
    expect((await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Eng" })).status).toBe(201);
    expect((await call("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "eng" })).status).toBe(409);
    const bad = await call("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "X",
      members: [{ value: "nope" }],
    });
    expect(bad.body.scimType).toBe("invalidValue");
  });
});

describe("authentication and recording", () => {
  it("answers 401 without credentials and with a wrong token", async () => {
    const t = await target({ token: "t0k" });
    expect((await client(t, "")("GET", "/Users")).status).toBe(401);
    const wrong = await client(t, "Bearer nope")("GET", "/Users");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    expect((await client(t, "Bearer t0k")("GET", "/Users")).status).toBe(200);
  });

  it("accepts HTTP Basic when configured", async () => {
    const t = await target({ basic: { username: "u", password: "p" } });
    const basic = `Basic ${Buffer.from("u:p").toString("base64")}`;
    expect((await client(t, basic)("GET", "/Users")).status).toBe(200);
    expect((await client(t, `Basic ${Buffer.from("u:x").toString("base64")}`)("GET", "/Users")).status).toBe(
      401,
    );
  });

  it("issues bearer tokens through the OAuth client-credentials endpoint", async () => {
    const t = await target({ oauth: { clientId: "c", clientSecret: "s" } });
    const form = (secret: string) =>
      fetch(`${t.origin}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=client_credentials&client_id=c&client_secret=${secret}`,
      });
    expect((await form("bad")).status).toBe(401);
    const tok = (await (await form("s")).json()) as { access_token: string; token_type: string };
    expect(tok.token_type).toBe("Bearer");
    expect((await client(t, `Bearer ${tok.access_token}`)("GET", "/Users")).status).toBe(200);
  });

  it("records every request in order with its parsed body and a redacted authorization header", async () => {
    const t = await target();
    const call = client(t);
    await call("POST", "/Users", user("a@x.io"));
    await call("GET", `/Users${"?filter=userName%20eq%20%22a%40x.io%22"}`);
    expect(t.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/scim/v2/Users", 201],
      ["GET", "/scim/v2/Users", 200],
    ]);
    expect(t.requests[0]?.body).toEqual(user("a@x.io"));
    expect(t.requests[0]?.headers.authorization).toBe("<redacted>");
    expect(t.requests[1]?.query).toEqual({ filter: 'userName eq "a@x.io"' });
    t.clearRequests();
    expect(t.requests).toEqual([]);
  });

  it("drops resources, requests and faults on reset", async () => {
    const t = await target();
    t.seedUsers(3);
    t.failNext(5, "500");
    t.reset();
    expect(t.users()).toEqual([]);
    expect(t.requests).toEqual([]);
    expect((await client(t)("GET", "/Users")).status).toBe(200);
  });
});
