import { describe, expect, it } from "vitest";
import { AdaptiveLimiter } from "./concurrency.js";
import { backoffDelay, nextDelay, parseRetryAfter } from "./retry.js";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxTotalMs: 5_000 };

describe("backoff with full jitter", () => {
  it("draws uniformly below base·2^(attempt-1), capped at maxDelayMs", () => {
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 2, () => 0)).toBe(0);
  });

  it("prefers Retry-After over backoff and gives up when the wait overruns maxTotalMs", () => {
    expect(nextDelay(policy, 1, 0, 3_000, () => 0.5)).toBe(3_000);
    expect(nextDelay(policy, 1, 2_500, 3_000, () => 0.5)).toBeUndefined();
    expect(nextDelay(policy, 2, 0, undefined, () => 0.5)).toBe(100);
  });
});

describe("Retry-After parsing (RFC 9110 §10.2.3)", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(["2"], now)).toBe(2_000);
  });
  it("reads an HTTP-date relative to the injected now, never negative", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 12:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or garbage values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-3", now)).toBeUndefined();
  });
});

describe("adaptive concurrency (AIMD)", () => {
  it("halves on 429, grows by one per success, never above the maximum", () => {
    const l = new AdaptiveLimiter(8);
    l.onThrottle();
    expect(l.limit).toBe(4);
    l.onThrottle();
    l.onThrottle();
    l.onThrottle();
    expect(l.limit).toBe(1);
    for (let i = 0; i < 20; i++) l.onSuccess();
    expect(l.limit).toBe(8);
  });

  it("queues acquirers beyond the limit and serves them in order as slots free", async () => {
    const l = new AdaptiveLimiter(2);
    const r1 = await l.acquire();
    await l.acquire();
    const order: number[] = [];
    const p3 = l.acquire().then((r) => {
      order.push(3);
      return r;
    });
    const p4 = l.acquire().then(() => order.push(4));
    await Promise.resolve();
    expect(l.active).toBe(2);
    r1();
    (await p3)();
    await p4;
    expect(order).toEqual([3, 4]);
  });
});
