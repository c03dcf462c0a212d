import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import { createScimClient } from "./client.js";
import { isScimError, ScimError } from "./errors.js";
import { calls, clientFor } from "./testing.js";

let target: ScimTarget;
beforeAll(async () => {
  target = await startScimTarget({ profile: "strict" });
});
afterAll(() => target.close());
beforeEach(() => target.reset());

const retry = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, maxTotalMs: 60_000 };

async function seedOne(): Promise<string> {
  target.seedUsers(1, () => ({ userName: "one@x.test" }));
  target.clearRequests();
  return target.users()[0]!.id;
}

describe("the request function: retries", () => {
  it("retries 500s with full-jitter exponential backoff and then succeeds", async () => {
    const id = await seedOne();
    const { client, clock, events } = clientFor(target, { retry });
    target.failNext(2, "500", { method: "GET" });
    const user = await client.users.get(id);
    expect(user.userName).toBe("one@x.test");
    // random() = 0.5: half of 100·2^0, then half of 100·2^1.
    expect(clock.sleeps).toEqual([50, 100]);
    expect(calls(target)).toEqual([`GET /Users/${id}`, `GET /Users/${id}`, `GET /Users/${id}`]);
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [500, 1],
      [500, 2],
      [200, 3],
    ]);
    await client.close();
  });

  it("sleeps exactly the Retry-After the target sends on 429 and 503, and halves concurrency on 429", async () => {
    const id = await seedOne();
    const { client, clock } = clientFor(target, { retry, maxConcurrency: 8 });
    target.setFaults({ retryAfterSeconds: 7 });
    target.failNext(1, "429", { method: "GET" });
    target.failNext(1, "503", { method: "GET" });
    await client.users.get(id);
    expect(clock.sleeps).toEqual([7_000, 7_000]);
    // 8 → 4 on the 429, +1 on the success.
    expect(client.concurrency()).toBe(5);
    await client.close();
  });

  it("gives up with a transient ScimError after maxAttempts", async () => {
    const id = await seedOne();
    const { client } = clientFor(target, { retry: { ...retry, maxAttempts: 3 } });
    target.failNext(5, "500", { method: "GET" });
    const err = await client.users.get(id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimError);
    expect(err).toMatchObject({ category: "transient", status: 500 });
    expect(target.requests).toHaveLength(3);
    await client.close();
  });

  it("does not wait for a Retry-After that would overrun maxTotalMs", async () => {
    const id = await seedOne();
    const { client, clock } = clientFor(target, { retry: { ...retry, maxTotalMs: 30_000 } });
    target.setFaults({ retryAfterSeconds: 120 });
    target.failNext(1, "429", { method: "GET" });
    await expect(client.users.get(id)).rejects.toMatchObject({ category: "transient", status: 429 });
    expect(clock.sleeps).toEqual([]);
    expect(target.requests).toHaveLength(1);
    await client.close();
  });

  it("retries a reset connection, a hung request after its timeout, and a truncated JSON body", async () => {
    const id = await seedOne();
    const { client, events } = clientFor(target, { retry, timeoutMs: 300 });
    target.failNext(1, "reset", { method: "GET" });
    target.failNext(1, "timeout", { method: "GET" });
    target.failNext(1, "malformed", { method: "GET" });
    const user = await client.users.get(id);
    expect(user.id).toBe(id);
    expect(events.map((e) => e.error?.category ?? "ok")).toEqual([
      "transient",
      "transient",
      "transient",
      "ok",
    ]);
    expect(events[1]!.status).toBe(0);
    expect(events[2]!.responseBody).toBe("[not JSON]");
    await client.close();
  });

  it("does not retry a rejected request (400 invalidFilter)", async () => {
    const { client } = clientFor(target, { retry });
    const err = await client
      .request({ method: "GET", path: "/Users", query: { filter: "userName eq" } })
      .catch((e: unknown) => e);
    expect(isScimError(err, "rejected")).toBe(true);
    expect(err).toMatchObject({ status: 400, scimType: "invalidFilter" });
    expect(target.requests).toHaveLength(1);
    await client.close();
  });
});

describe("the request function: configuration failures", () => {
  it("classifies a wrong token (401) as config and does not retry it", async () => {
    const { client } = clientFor(target, { credentials: { type: "bearer", token: "wrong-token" }, retry });
    await expect(client.users.get("x")).rejects.toMatchObject({ category: "config", status: 401 });
    expect(target.requests).toHaveLength(1);
    await client.close();
  });

  it("classifies an unusable base URL and an unknown host as config", async () => {
    expect(() => createScimClient({ baseUrl: "not a url", credentials: { type: "none" } })).toThrow(
      expect.objectContaining({ category: "config" }),
    );
    const client = createScimClient({
      baseUrl: "http://no-such-host.invalid/scim/v2",
      credentials: { type: "none" },
      retry: { maxAttempts: 1 },
    });
    await expect(client.users.get("x")).rejects.toMatchObject({
      category: "config",
      networkCode: "ENOTFOUND",
    });
    await client.close();
  });
});

describe("the request function: wire details", () => {
  it("sends Accept for both SCIM and JSON, the User-Agent and the SCIM content type", async () => {
    const { client } = clientFor(target, { userAgent: "test-agent/1" });
    await client.users.create({ userName: "h@x.test" });
    const post = target.requests[0]!;
    expect(post.headers.accept).toBe("application/scim+json, application/json");
    expect(post.headers["user-agent"]).toBe("test-agent/1");
    expect(post.headers["content-type"]).toBe("application/scim+json");
    expect(post.body).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "h@x.test",
    });
    await client.close();
  });

  it("switches to application/json when the target answers 415 to application/scim+json", async () => {
    const plain = await startScimTarget({ profile: "plain-json" });
    const { client } = clientFor(plain);
    await client.users.create({ userName: "p@x.test" });
    await client.users.create({ userName: "q@x.test" });
    expect(plain.requests.map((r) => [r.status, r.headers["content-type"]])).toEqual([
      [415, "application/scim+json"],
      [201, "application/json"],
      [201, "application/json"],
    ]);
    expect(client.capabilities().contentType).toBe("application/json");
    await client.close();
    await plain.close();
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    const slow = await startScimTarget({ profile: "slow", latencyMs: 60 });
    slow.seedUsers(1);
    const id = slow.users()[0]!.id;
    const { client } = clientFor(slow, { maxConcurrency: 2 });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => client.users.get(id)));
    // 6 requests, 2 at a time, 60 ms each: at least 3 rounds.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(170);
    await client.close();
    await slow.close();
  });
});
