import { describe, expect, it } from "vitest";
import { FaultController } from "./faults.js";
import { client, target, user } from "./test-helpers.js";

const get = (url: string, signal?: AbortSignal) =>
  fetch(`${url}/Users`, { headers: { authorization: "Bearer secret" }, signal });

describe("failNext", () => {
  it("fails the next n requests with 500, 503 and 429, then recovers", async () => {
    const t = await target({ faults: { retryAfterSeconds: 7 } });
    const call = client(t);
    t.failNext(2, "500");
    t.failNext(1, "503");
    t.failNext(1, "429");
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("GET", "/Users")).status);
    expect(statuses).toEqual([500, 500, 503, 429, 200]);
    t.failNext(1, "429");
    const r = await call("GET", "/Users");
    expect(r.headers.get("retry-after")).toBe("7");
    expect(r.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
  });

  it("fails only requests matching method and path prefix", async () => {
    const t = await target();
    const call = client(t);
    t.failNext(1, "500", { method: "POST", pathPrefix: "/Users" });
    expect((await call("GET", "/Users")).status).toBe(200);
    expect(
      (
        await call("POST", "/Groups", {
          displayName: "G",
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        })
      ).status,
    ).toBe(201);
    expect((await call("POST", "/Users", user("a@x.io"))).status).toBe(500);
    expect((await call("POST", "/Users", user("a@x.io"))).status).toBe(201);
    expect(t.requests.map((r) => r.status)).toEqual([200, 201, 500, 201]);
    expect(t.requests[2]?.body).toEqual(user("a@x.io"));
  });

  it("hangs on timeout until the client aborts, and close() ends hung requests", async () => {
    const t = await target();
    t.failNext(2, "timeout");
    await expect(get(t.url, AbortSignal.timeout(150))).rejects.toThrow();
    const hung = get(t.url).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await t.close();
    expect(await hung).toBeInstanceOf(Error);
    expect(t.requests.map((r) => r.status)).toEqual([0, 0]);
  });

  it("destroys the connection on reset", async () => {
    const t = await target();
    t.failNext(1, "reset");
    await expect(get(t.url)).rejects.toThrow();
    expect((await get(t.url)).status).toBe(200);
  });

  it("sends a success status with truncated JSON on malformed", async () => {
    const t = await target();
    t.failNext(1, "malformed", { method: "POST" });
    const r = await fetch(`${t.url}/Users`, {
      method: "POST",
      headers: { authorization: "Bearer secret", "content-type": "application/scim+json" },
      body: JSON.stringify(user("a@x.io")),
    });
    expect(r.status).toBe(201);
    await expect(r.json()).rejects.toThrow();
    expect(t.users()).toHaveLength(1);
  });

  it("omits id from the returned resource on missingId but keeps it stored", async () => {
    const t = await target();
    const call = client(t);
    t.failNext(1, "missingId");
    const r = await call("POST", "/Users", user("a@x.io"));
    expect(r.status).toBe(201);
    expect(r.body.id).toBeUndefined();
    expect(t.users()[0]?.id).toEqual(expect.any(String));
    t.failNext(1, "missingId");
    expect((await call("GET", "/Users")).body.Resources[0].id).toBeUndefined();
    expect((await call("GET", "/Users")).body.Resources[0].id).toBe(t.users()[0]?.id);
  });
});

describe("fault rates", () => {
  it("draws the same fault sequence for the same seed", () => {
    const seq = (seed: number) => {
      const f = new FaultController({ errorRate: 0.3, rate429: 0.2, seed });
      return Array.from({ length: 50 }, () => f.decide("GET", "/scim/v2/Users", "/Users") ?? "ok");
    };
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
    const s = seq(7);
    expect(s).toContain("500");
    expect(s).toContain("429");
    expect(s).toContain("ok");
  });

  it("applies rates set at start and changed at run time", async () => {
    const t = await target({ faults: { errorRate: 1 } });
    const call = client(t);
    expect((await call("GET", "/Users")).status).toBe(500);
    t.setFaults({ errorRate: 0, rate429: 1, retryAfterSeconds: 3 });
    const r = await call("GET", "/Users");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("3");
    t.setFaults({ rate429: 0 });
    expect((await call("GET", "/Users")).status).toBe(200);
  });

  it("injects roughly the configured share of each fault", () => {
    const f = new FaultController({ errorRate: 0.25, timeoutRate: 0.1, seed: 3 });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const k = f.decide("GET", "/scim/v2/Users", "/Users") ?? "ok";
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts["500"]).toBeGreaterThan(400);
    expect(counts["500"]).toBeLessThan(600);
    expect(counts.timeout).toBeGreaterThan(140);
    expect(counts.timeout).toBeLessThan(260);
  });
});
