/** Backoff and `Retry-After` arithmetic. Pure functions; the request loop applies them. */
import type { RetryPolicy } from "./types.js";

/** Defaults: 4 attempts, 200 ms base, 10 s cap per delay, 60 s for the whole call. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxTotalMs: 60_000,
};

/**
 * Exponential backoff with full jitter (AWS architecture blog "Exponential Backoff And Jitter"):
 * a uniform draw in [0, min(maxDelay, base·2^(attempt-1))]. `attempt` is the attempt that failed (1-based).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, relative to `now`.
 * Returns milliseconds to wait, or undefined when absent or unparseable. Never negative.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday/month; Date.parse alone would take "-3" for a year.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before the next attempt: the server's `Retry-After` when given (it knows best),
 * otherwise jittered backoff. Returns undefined when the wait would overrun `maxTotalMs`.
 */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  const delay = retryAfterMs ?? backoffDelay(policy, attempt, random);
  if (elapsedMs + delay > policy.maxTotalMs) return undefined;
  return delay;
}
