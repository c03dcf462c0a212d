/**
 * Console sessions. The cookie carries 32 random bytes; the database keeps only their SHA-256, so a
 * leaked database (or backup) gives no usable session. Expiry slides with use (idle timeout) and
 * is capped by an absolute lifetime counted from login.
 */
import type { Kysely } from "kysely";
import { type Clock, isoNow } from "../clock.js";
import type { DB } from "../db/index.js";
import type { AdminSummary } from "./admins.service.js";
import { digest, randomSecret } from "./random.js";
import {
  deleteAdminSessions,
  deleteExpiredSessions,
  deleteSession,
  findSessionWithAdmin,
  insertSession,
  touchSession,
} from "./sessions.queries.js";

export interface SessionLifetimes {
  /** A session unused this long ends (default 12 h). */
  idleMs: number;
  /** A session ends this long after login whatever its use (default 7 days). */
  absoluteMs: number;
  /** `last_seen_at` is written at most this often, so reads do not become writes (default 60 s). */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};

export interface StartedSession {
  /** The cookie value; shown to the browser once and never stored. */
  sessionId: string;
  /** When the cookie should expire in the browser: the absolute end. */
  absoluteExpiresAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Builds the session service over `db`. */
export function createSessions(
  db: Kysely<DB>,
  clock: Clock,
  lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
) {
  /** Starts a session for an admin whose password was just verified. */
  async function start(adminId: string): Promise<StartedSession> {
    const now = clock.now();
    const sessionId = randomSecret();
    const absoluteExpiresAt = iso(now + lifetimes.absoluteMs);
    await insertSession(db, {
      id_hash: digest(sessionId),
      admin_id: adminId,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(Math.min(now + lifetimes.idleMs, now + lifetimes.absoluteMs)),
      absolute_expires_at: absoluteExpiresAt,
    });
    return { sessionId, absoluteExpiresAt };
  }

  /**
   * The admin behind a cookie value, or null when the session is unknown or expired. Slides the
   * idle expiry forward (at most once per `touchEveryMs`), never past the absolute end.
   */
  async function resolve(sessionId: string): Promise<AdminSummary | null> {
    const now = clock.now();
    const row = await findSessionWithAdmin(db, digest(sessionId));
    if (!row) return null;
    const absoluteEnd = Date.parse(row.absolute_expires_at);
    if (Date.parse(row.expires_at) <= now || absoluteEnd <= now) {
      await deleteSession(db, row.id_hash);
      return null;
    }
    if (now - Date.parse(row.last_seen_at) >= lifetimes.touchEveryMs) {
      await touchSession(db, row.id_hash, iso(now), iso(Math.min(now + lifetimes.idleMs, absoluteEnd)));
    }
    return { id: row.id, email: row.email, name: row.name };
  }

  return {
    start,
    resolve,
    /** Ends a session (logout). Unknown ids are ignored. */
    end: (sessionId: string) => deleteSession(db, digest(sessionId)),
    /** Ends every session of an admin except `keepSessionId` (when given). */
    endAllFor: (adminId: string, keepSessionId?: string) =>
      deleteAdminSessions(db, adminId, keepSessionId ? digest(keepSessionId) : undefined),
    /** Deletes every expired session; run opportunistically at login. Returns how many. */
    purgeExpired: () => deleteExpiredSessions(db, isoNow(clock)),
    lifetimes,
  };
}

export type Sessions = ReturnType<typeof createSessions>;
