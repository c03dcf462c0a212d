/** Kysely queries for `admins`. Emails passed here are already normalized (see normalizeEmail). */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB } from "../db/index.js";
import type { AdminsTable } from "./auth.tables.js";

export type AdminRow = Selectable<AdminsTable>;

/** How many admins exist. */
export async function countAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("admins")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The admin with this (normalized) email, with its password hash. */
export function findAdminByEmail(db: Kysely<DB>, email: string): Promise<AdminRow | undefined> {
  return db.selectFrom("admins").selectAll().where("email", "=", email).executeTakeFirst();
}

/** The admin with this id, with its password hash. */
export function findAdminById(db: Kysely<DB>, id: string): Promise<AdminRow | undefined> {
  return db.selectFrom("admins").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Inserts an admin; a duplicate email fails on the unique index. */
export async function insertAdmin(db: Kysely<DB>, row: Insertable<AdminsTable>): Promise<void> {
  await db.insertInto("admins").values(row).execute();
}

/** Replaces an admin's password hash. */
export async function updateAdminPassword(
  db: Kysely<DB>,
  id: string,
  passwordHash: string,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable("admins")
    .set({ password_hash: passwordHash, updated_at: updatedAt })
    .where("id", "=", id)
    .execute();
}
