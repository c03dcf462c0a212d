/** Kysely queries for `api_tokens`. Tokens are looked up by the SHA-256 of their secret. */
import type { Kysely, Selectable } from "kysely";
import type { DB } from "../db/index.js";
import type { ApiTokensTable } from "./auth.tables.js";

export type ApiTokenRow = Selectable<ApiTokensTable>;

/** Inserts a token row (hash only, never the secret). */
export async function insertToken(db: Kysely<DB>, row: ApiTokenRow): Promise<void> {
  await db.insertInto("api_tokens").values(row).execute();
}

/** Every token, newest first. */
export function listTokens(db: Kysely<DB>): Promise<ApiTokenRow[]> {
  return db.selectFrom("api_tokens").selectAll().orderBy("created_at", "desc").orderBy("id").execute();
}

/** Deletes a token; returns whether it existed. */
export async function deleteToken(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("api_tokens").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The token with this hash and its owner (null columns when no admin owns it). */
export function findTokenWithOwner(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("api_tokens as t")
    .leftJoin("admins as a", "a.id", "t.admin_id")
    .select([
      "t.id",
      "t.name",
      "t.last_used_at",
      "t.expires_at",
      "a.id as adminId",
      "a.email",
      "a.name as adminName",
    ])
    .where("t.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Records when a token was last used. */
export async function touchToken(db: Kysely<DB>, id: string, lastUsedAt: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: lastUsedAt }).where("id", "=", id).execute();
}
