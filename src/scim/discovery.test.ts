import { describe, expect, it } from "vitest";
import { PROFILES, startScimTarget } from "../../tools/scim-target/index.js";
import { CORE_SCHEMAS } from "./schemas-core.js";
import { calls, clientFor, fakeClock } from "./testing.js";
import type { Capabilities } from "./types.js";

describe("discovery (RFC 7644 §4)", () => {
  it("reads ServiceProviderConfig, ResourceTypes and Schemas from a target that serves them", async () => {
    const target = await startScimTarget({ profile: "aws" });
    const { client } = clientFor(target);
    const d = await client.discover();
    expect(d.fallback).toEqual({ serviceProviderConfig: false, resourceTypes: false, schemas: false });
    expect(d.resourceTypes.map((t) => t.endpoint).sort()).toEqual(["/Groups", "/Users"]);
    expect(d.schemas.map((s) => s.id)).toContain("urn:ietf:params:scim:schemas:core:2.0:User");
    expect(d.capabilities).toMatchObject({ source: "discovery", pagination: "cursor", maxPageSize: 100 });
    expect(calls(target).sort()).toEqual([
      "GET /ResourceTypes",
      "GET /Schemas",
      "GET /ServiceProviderConfig",
    ]);
    await client.close();
    await target.close();
  });

  it("falls back to the RFC 7643 core schemas when the endpoints are missing", async () => {
    const target = await startScimTarget({ profile: "no-discovery" });
    const { client } = clientFor(target);
    const d = await client.discover();
    expect(d.fallback).toEqual({ serviceProviderConfig: true, resourceTypes: true, schemas: true });
    expect(d.schemas).toEqual(CORE_SCHEMAS);
    expect(d.capabilities.source).toBe("default");
    // 404 is not retried.
    expect(target.requests).toHaveLength(3);
    await client.close();
    await target.close();
  });

  it("falls back when the endpoints answer malformed JSON", async () => {
    const target = await startScimTarget({ profile: "strict" });
    const { client } = clientFor(target, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    target.failNext(2, "malformed", { pathPrefix: "/scim/v2/Schemas" });
    const d = await client.discover();
    expect(d.fallback).toEqual({ serviceProviderConfig: false, resourceTypes: false, schemas: true });
    await client.close();
    await target.close();
  });

  it("does not hide bad credentials behind the fallback", async () => {
    const target = await startScimTarget({ profile: "strict" });
    const { client } = clientFor(target, { credentials: { type: "bearer", token: "nope-nope" } });
    await expect(client.discover()).rejects.toMatchObject({ category: "config", status: 401 });
    await client.close();
    await target.close();
  });
});

const expected: Record<(typeof PROFILES)[number], Partial<Capabilities>> = {
  strict: {
    patch: true,
    pagination: "index",
    groupListIncludesMembers: true,
    contentType: "application/scim+json",
  },
  aws: {
    patch: true,
    filter: { eq: true, and: true, sw: false },
    pagination: "cursor",
    maxPageSize: 100,
    groupListIncludesMembers: false,
  },
  "no-patch": { patch: false },
  "patch-only": { patch: true },
  "plain-json": { contentType: "application/json" },
  "no-discovery": { patch: true, pagination: "index", filter: { eq: true, and: true, sw: true } },
  slow: { patch: true },
  "rate-limited": { patch: true },
  "slack-like": { deleteDeactivatesOnly: true },
};

describe("capability probe", () => {
  it.each(PROFILES)("finds what the %s profile supports and leaves nothing behind", async (profile) => {
    const target = await startScimTarget({
      profile,
      ...(profile === "slow" ? { latencyMs: 20 } : {}),
      ...(profile === "rate-limited"
        ? { rateLimit: { requests: 6, windowMs: 200, retryAfterSeconds: 1 } }
        : {}),
    });
    // Rate-limited: Retry-After 1 s is really waited for one fifth (200 ms = the window).
    const clock = fakeClock(Date.now(), profile === "rate-limited" ? 0.2 : 0);
    const { client } = clientFor(target, { clock, retry: { maxAttempts: 6 } });
    const caps = await client.probe();
    expect(caps).toMatchObject({ source: "probe", ...expected[profile] });
    const created = target.requests.filter((r) => r.method === "POST" && r.status === 201);
    const deleted = target.requests.filter((r) => r.method === "DELETE" && r.status === 204);
    expect(created).toHaveLength(2);
    // One probe user and one probe group created; both deleted, group first.
    expect(created.map((r) => r.path)).toEqual(["/scim/v2/Users", "/scim/v2/Groups"]);
    expect(deleted.map((r) => r.path.replace(/[^/]+$/, ":id"))).toEqual([
      "/scim/v2/Groups/:id",
      "/scim/v2/Users/:id",
    ]);
    expect(target.groups()).toEqual([]);
    if (profile === "slack-like") expect(target.users().map((u) => u.active)).toEqual([false]);
    else expect(target.users()).toEqual([]);
    if (profile === "rate-limited") expect(clock.sleeps.length).toBeGreaterThan(0);
    await client.close();
    await target.close();
  });

  it("deletes the probe user even when a probe step fails", async () => {
    const target = await startScimTarget({ profile: "strict" });
    const { client } = clientFor(target, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    target.failNext(2, "500", { method: "PATCH" });
    await expect(client.probe()).rejects.toMatchObject({ category: "transient", status: 500 });
    expect(calls(target).slice(-1)[0]).toMatch(/^DELETE \/Users\//);
    expect(target.users()).toEqual([]);
    await client.close();
    await target.close();
  });
});
