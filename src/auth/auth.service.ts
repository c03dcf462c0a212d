/**
 * The auth module's façade, wired once into AppContext as `ctx.auth`: admins, sessions, API tokens,
 * the login flow (rate limit → constant-work password check → session) and request authentication.
 */
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/index.js";
import { DomainError } from "../errors.js";
import { type AdminSummary, createAdmins, normalizeEmail, toSummary } from "./admins.service.js";
import { createLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./login-limiter.js";
import { hashPassword, type ScryptParams, verifyPassword } from "./password.js";
import { createSessions, DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from "./sessions.service.js";
import { createTokens } from "./tokens.service.js";

export interface AuthDeps {
  database: Database;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Overrides for tests; defaults: 12 h idle / 7 days absolute. */
  sessionLifetimes?: Partial<SessionLifetimes>;
  /** Overrides for tests; default 10 attempts per 5 minutes per IP and per email. */
  loginLimits?: Partial<LoginLimits>;
  /** scrypt cost of new password hashes; tests pass a cheap one (default DEFAULT_SCRYPT). */
  scrypt?: ScryptParams;
}

/** Who made a request: set on `request.admin` by the authentication hook. */
export interface RequestAdmin {
  /** The admin's id; null when an API token that no admin owns authenticated the request. */
  id: string | null;
  email: string | null;
  name: string;
  via: "session" | "token";
  /** The API token used, when `via` is "token". */
  tokenId: string | null;
}

export type LoginResult =
  | { ok: true; admin: AdminSummary; sessionId: string; absoluteExpiresAt: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** The one message for a wrong email and a wrong password alike. */
export const INVALID_CREDENTIALS = "Email or password is incorrect";

/** Builds `ctx.auth`. */
export function createAuth(deps: AuthDeps) {
  const { database, clock } = deps;
  const { db } = database;
  const admins = createAdmins(deps);
  const sessions = createSessions(db, clock, { ...DEFAULT_SESSION_LIFETIMES, ...deps.sessionLifetimes });
  const tokens = createTokens(db, clock);
  const limiter = createLoginLimiter(db, clock, { ...DEFAULT_LOGIN_LIMITS, ...deps.loginLimits });
  // Unknown emails are checked against this hash, so they cost one scrypt like known ones do and
  // the response time does not reveal which emails exist.
  let dummyHash: Promise<string> | undefined;

  /**
   * Checks credentials and starts a session. Wrong email or password → `auth.invalid_credentials`
   * (401) with the same message and the same work; too many attempts → `{ ok: false }` with the
   * seconds to wait.
   */
  async function login(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
    const email = normalizeEmail(input.email);
    const verdict = await limiter.attempt([`ip:${input.ip}`, `email:${email}`]);
    if (!verdict.allowed)
      return { ok: false, reason: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };
    const row = await admins.findRowByEmail(email);
    dummyHash ??= hashPassword("not-a-password-of-anyone", admins.scrypt);
    const hash = row?.password_hash ?? (await dummyHash);
    const matches = await verifyPassword(input.password, hash);
    if (!row || !matches) {
      throw new DomainError("unauthenticated", "auth.invalid_credentials", INVALID_CREDENTIALS);
    }
    await limiter.reset(`email:${email}`);
    await limiter.refund(`ip:${input.ip}`);
    const started = await sessions.start(row.id);
    // Housekeeping rides on logins: rare enough to be free, frequent enough to keep tables small.
    await sessions.purgeExpired();
    await limiter.purgeStale();
    return { ok: true, admin: toSummary(row), ...started };
  }

  /** The admin behind a session cookie value, or null. */
  async function authenticateSession(sessionId: string): Promise<RequestAdmin | null> {
    const admin = await sessions.resolve(sessionId);
    return admin && { ...admin, via: "session", tokenId: null };
  }

  /** The principal behind an API token, or null. */
  async function authenticateToken(token: string): Promise<RequestAdmin | null> {
    const found = await tokens.authenticate(token);
    if (!found) return null;
    return {
      id: found.admin?.id ?? null,
      email: found.admin?.email ?? null,
      name: found.admin?.name ?? `API token "${found.tokenName}"`,
      via: "token",
      tokenId: found.tokenId,
    };
  }

  return {
    admins,
    sessions,
    tokens,
    login,
    logout: (sessionId: string) => sessions.end(sessionId),
    /**
     * Changes an admin's password and ends their other sessions (a changed password should lock
     * out whoever knew the old one); `keepSessionId` is the caller's own session, when any.
     */
    async changePassword(
      adminId: string,
      current: string,
      next: string,
      keepSessionId?: string,
    ): Promise<void> {
      await admins.changePassword(adminId, current, next);
      await sessions.endAllFor(adminId, keepSessionId);
    },
    authenticateSession,
    authenticateToken,
    /** See {@link createAdmins}: creates the first admin when none exists. */
    ensureFirstAdmin: admins.ensureFirstAdmin,
  };
}

export type Auth = ReturnType<typeof createAuth>;
