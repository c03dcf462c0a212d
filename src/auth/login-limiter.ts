/**
 * The login rate limiter: fixed-window counters in the database (`auth_rate_limits`), keyed per
 * client IP and per email.
 *
 * Why the database and not @fastify/rate-limit's default in-memory store: several `serve`
 * processes may share one PostgreSQL (DESIGN.md § Storage), and an in-memory counter would give
 * each process its own budget — N processes, N× the attempts. One atomic upsert per key per login
 * attempt is cheap at login rates, works the same on both dialects, and follows the injected clock,
 * so tests need no sleeping.
 */
import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { DB } from "../db/index.js";

export interface LoginLimits {
  /** Attempts allowed per key and window (default 10). */
  maxAttempts: number;
  /** Window length (default 5 minutes). */
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxAttempts: 10, windowMs: 5 * 60 * 1000 };

export interface LimitVerdict {
  allowed: boolean;
  /** Seconds until the fullest window resets (0 when allowed). */
  retryAfterSeconds: number;
}

/** Builds the limiter over `db`. */
export function createLoginLimiter(db: Kysely<DB>, clock: Clock, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  /** Counts one attempt on `key` and returns its count and window start, atomically. */
  async function hit(key: string): Promise<{ attempts: number; windowStartedAt: string }> {
    const now = clock.now();
    const nowIso = new Date(now).toISOString();
    const staleBefore = new Date(now - limits.windowMs).toISOString();
    const row = await db
      .insertInto("auth_rate_limits")
      .values({ key, window_started_at: nowIso, attempts: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => {
          // Both SET expressions read the row as it was before this statement (SQL semantics).
          const stale = eb("auth_rate_limits.window_started_at", "<=", staleBefore);
          return {
            attempts: eb
              .case()
              .when(stale)
              .then(1)
              .else(eb("auth_rate_limits.attempts", "+", 1))
              .end(),
            window_started_at: eb
              .case()
              .when(stale)
              .then(eb.ref("excluded.window_started_at"))
              .else(eb.ref("auth_rate_limits.window_started_at"))
              .end(),
          };
        }),
      )
      .returning(["attempts", "window_started_at"])
      .executeTakeFirstOrThrow();
    return { attempts: Number(row.attempts), windowStartedAt: row.window_started_at };
  }

  /**
   * Counts one login attempt for every key (e.g. `ip:…`, `email:…`); refused when any key is over
   * its budget. Every attempt counts when it starts, so parallel guessing cannot slip through
   * before failures are recorded; a successful login then refunds its IP attempt.
   */
  async function attempt(keys: string[]): Promise<LimitVerdict> {
    let retryAfterMs = 0;
    for (const key of keys) {
      const { attempts, windowStartedAt } = await hit(key);
      if (attempts > limits.maxAttempts) {
        retryAfterMs = Math.max(retryAfterMs, Date.parse(windowStartedAt) + limits.windowMs - clock.now());
      }
    }
    return {
      allowed: retryAfterMs === 0,
      retryAfterSeconds: Math.max(retryAfterMs > 0 ? 1 : 0, Math.ceil(retryAfterMs / 1000)),
    };
  }

  /**
   * Gives back one attempt on `key` (after a successful login, for the IP key): people who type
   * their password right — and browser tests that log in often from 127.0.0.1 — never run out.
   */
  async function refund(key: string): Promise<void> {
    await db
      .updateTable("auth_rate_limits")
      .set((eb) => ({ attempts: eb("attempts", "-", 1) }))
      .where("key", "=", key)
      .where("attempts", ">", 0)
      .execute();
  }

  /** Forgets a key's count (after a successful login, for the email key). */
  async function reset(key: string): Promise<void> {
    await db.deleteFrom("auth_rate_limits").where("key", "=", key).execute();
  }

  /** Deletes counters whose window ended; run opportunistically. */
  async function purgeStale(): Promise<void> {
    const staleBefore = new Date(clock.now() - limits.windowMs).toISOString();
    await db.deleteFrom("auth_rate_limits").where("window_started_at", "<=", staleBefore).execute();
  }

  return { attempt, refund, reset, purgeStale, limits };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
