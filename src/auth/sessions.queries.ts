/** Kysely queries for `admin_sessions`. Sessions are addressed by the SHA-256 of their id. */
import type { Insertable, Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { AdminSessionsTable } from "./auth.tables.js";

/** Inserts a session row. */
export async function insertSession(db: Kysely<DB>, row: Insertable<AdminSessionsTable>): Promise<void> {
  await db.insertInto("admin_sessions").values(row).execute();
}

/** The session and its admin, expired or not (the service decides). */
export function findSessionWithAdmin(db: Kysely<DB>, idHash: string) {
  return db
    .selectFrom("admin_sessions as s")
    .innerJoin("admins as a", "a.id", "s.admin_id")
    .select([
      "s.id_hash",
      "s.last_seen_at",
      "s.expires_at",
      "s.absolute_expires_at",
      "a.id",
      "a.email",
      "a.name",
    ])
    .where("s.id_hash", "=", idHash)
    .executeTakeFirst();
}

/** Records use of a session and moves its idle expiry. */
export async function touchSession(db: Kysely<DB>, idHash: string, lastSeenAt: string, expiresAt: string) {
  await db
    .updateTable("admin_sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id_hash", "=", idHash)
    .execute();
}

/** Deletes one session by hash (no error when absent). */
export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom("admin_sessions").where("id_hash", "=", idHash).execute();
}

/** Deletes an admin's sessions, except the one whose hash is `keepHash`. */
export async function deleteAdminSessions(db: Kysely<DB>, adminId: string, keepHash?: string): Promise<void> {
  let query = db.deleteFrom("admin_sessions").where("admin_id", "=", adminId);
  if (keepHash) query = query.where("id_hash", "!=", keepHash);
  await query.execute();
}

/** Deletes sessions past either expiry at `now`; returns how many. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<number> {
  const result = await db
    .deleteFrom("admin_sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("absolute_expires_at", "<=", now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
