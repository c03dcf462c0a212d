/**
 * API tokens for automation: `slk_<32 random bytes base64url>`, shown once at creation, stored as
 * SHA-256. Requests authenticate with `Authorization: Bearer slk_…`.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Clock, isoNow } from "../clock.js";
import type { DB } from "../db/index.js";
import { invalid, notFound } from "../errors.js";
import { digest, randomSecret } from "./random.js";
import {
  type ApiTokenRow,
  deleteToken,
  findTokenWithOwner,
  insertToken,
  listTokens,
  touchToken,
} from "./tokens.queries.js";

export const TOKEN_PREFIX = "slk_";
/** `last_used_at` is written at most this often per token, so API calls do not all become writes. */
const TOUCH_EVERY_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A token as listed: never the secret nor its hash. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The token's first characters (`slk_AbCd1234`), enough to recognise it. */
  prefix: string;
  adminId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** What create returns: the info plus the secret, shown this once. */
export interface CreatedApiToken extends ApiTokenInfo {
  token: string;
}

/** The owner of a token that just authenticated a request. */
export interface TokenPrincipal {
  tokenId: string;
  tokenName: string;
  admin: { id: string; email: string; name: string } | null;
}

function toInfo(row: ApiTokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    adminId: row.admin_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

/** Builds the API token service over `db`. */
export function createTokens(db: Kysely<DB>, clock: Clock) {
  /**
   * Creates a token. `expiresInDays` unset → never expires. `adminId` is the creating admin; tests
   * and automation may leave it unset (the token then acts for no particular admin).
   */
  async function create(input: {
    name: string;
    expiresInDays?: number;
    adminId?: string | null;
  }): Promise<CreatedApiToken> {
    const name = input.name.trim();
    if (!name) throw invalid("token.invalid_name", "A token needs a name");
    if (input.expiresInDays !== undefined && !(input.expiresInDays > 0)) {
      throw invalid("token.invalid_expiry", "expiresInDays must be a positive number of days");
    }
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const now = clock.now();
    const row: ApiTokenRow = {
      id: randomUUID(),
      name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 8),
      token_hash: digest(token),
      admin_id: input.adminId ?? null,
      created_at: new Date(now).toISOString(),
      last_used_at: null,
      expires_at:
        input.expiresInDays === undefined ? null : new Date(now + input.expiresInDays * DAY_MS).toISOString(),
    };
    await insertToken(db, row);
    return { ...toInfo(row), token };
  }

  /** Every token, newest first. */
  async function list(): Promise<ApiTokenInfo[]> {
    return (await listTokens(db)).map(toInfo);
  }

  /** Revokes (deletes) a token; `token.not_found` when it does not exist. */
  async function revoke(id: string): Promise<void> {
    if (!(await deleteToken(db, id))) throw notFound("token", id);
  }

  /** The principal behind a bearer token, or null when unknown, revoked or expired. */
  async function authenticate(token: string): Promise<TokenPrincipal | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await findTokenWithOwner(db, digest(token));
    const now = clock.now();
    if (!row || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) return null;
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      await touchToken(db, row.id, isoNow(clock));
    }
    const admin =
      row.adminId && row.email && row.adminName
        ? { id: row.adminId, email: row.email, name: row.adminName }
        : null;
    return { tokenId: row.id, tokenName: row.name, admin };
  }

  return { create, list, revoke, authenticate };
}

export type Tokens = ReturnType<typeof createTokens>;
