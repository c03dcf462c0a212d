/**
 * Tables owned by the auth module (migration 0002_auth). Timestamps are ISO-8601 strings in both
 * dialects (see DialectInfo.timestampType).
 */
import type { ColumnType } from "kysely";

/** An administrator of the console and the API. */
export interface AdminsTable {
  /** UUID. */
  id: string;
  /** Stored trimmed and lower-cased: the unique index makes emails unique case-insensitively. */
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (see src/auth/password.ts). */
  password_hash: string;
  created_at: string;
  updated_at: string;
}

/** A console session. Only the SHA-256 of the cookie value is stored. */
export interface AdminSessionsTable {
  /** hex SHA-256 of the session id sent in the cookie. */
  id_hash: string;
  admin_id: string;
  created_at: string;
  last_seen_at: string;
  /** Idle expiry: pushed forward on use (sliding), never past `absolute_expires_at`. */
  expires_at: string;
  absolute_expires_at: string;
}

/** An API token for automation (`Authorization: Bearer slk_…`). Only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: string;
  name: string;
  /** The first characters of the token, shown in lists so admins can tell tokens apart. */
  prefix: string;
  token_hash: string;
  /** The admin who created it; null for tokens created by automation (tests, seeding). */
  admin_id: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

/** Fixed-window counters of the login rate limiter (shared by every process on the database). */
export interface AuthRateLimitsTable {
  /** `ip:<address>` or `email:<normalized email>`. */
  key: string;
  window_started_at: string;
  attempts: ColumnType<number, number, number>;
}

export interface AuthTables {
  admins: AdminsTable;
  admin_sessions: AdminSessionsTable;
  api_tokens: ApiTokensTable;
  auth_rate_limits: AuthRateLimitsTable;
}
