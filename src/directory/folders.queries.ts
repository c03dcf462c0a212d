/**
 * Folders, folder membership and folder ↔ application links.
 *
 * Single-row insert/update/delete/exists helpers are named for what they do and carry no JSDoc;
 * every query that reads more than one row says how it stays fast.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/index.js";
import type { ApplicationRow, FolderRow, FoldersTable, UserRow } from "./directory.tables.js";
import { containsLower, type PageWindow } from "./paging.js";

export interface FolderCounts {
  memberCount: number;
  applicationCount: number;
}
export type FolderWithCounts = FolderRow & FolderCounts;

export function findFolder(db: Kysely<DB>, id: string): Promise<FolderRow | undefined> {
  return db.selectFrom("folders").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Folders with member and application counts (correlated counts: evaluated for one page only). */
function withCounts(db: Kysely<DB>) {
  return db
    .selectFrom("folders as f")
    .selectAll("f")
    .select((eb) => [
      eb
        .selectFrom("folder_members as m")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("m.folder_id", "=", "f.id")
        .as("memberCount"),
      eb
        .selectFrom("folder_applications as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.folder_id", "=", "f.id")
        .as("applicationCount"),
    ]);
}

export async function findFolderWithCounts(
  db: Kysely<DB>,
  id: string,
): Promise<FolderWithCounts | undefined> {
  const r = await withCounts(db).where("f.id", "=", id).executeTakeFirst();
  return r && { ...r, memberCount: Number(r.memberCount), applicationCount: Number(r.applicationCount) };
}

export async function listFolders(
  db: Kysely<DB>,
  w: PageWindow,
): Promise<{ rows: FolderWithCounts[]; total: number }> {
  const search = w.search;
  const [rows, count] = await Promise.all([
    withCounts(db)
      .$if(search !== undefined, (qb) => qb.where(containsLower("f.search_text", search ?? "")))
      .orderBy("f.search_text")
      .orderBy("f.id")
      .limit(w.pageSize)
      .offset(w.offset)
      .execute(),
    db
      .selectFrom("folders")
      .$if(search !== undefined, (qb) => qb.where(containsLower("search_text", search ?? "")))
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      memberCount: Number(r.memberCount),
      applicationCount: Number(r.applicationCount),
    })),
    total: Number(count.n),
  };
}

export async function insertFolder(db: Kysely<DB>, row: FoldersTable): Promise<void> {
  await db.insertInto("folders").values(row).execute();
}

export async function updateFolderRow(
  db: Kysely<DB>,
  id: string,
  patch: Partial<FoldersTable>,
): Promise<void> {
  await db.updateTable("folders").set(patch).where("id", "=", id).execute();
}

export async function deleteFolderRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("folders").where("id", "=", id).execute();
}

export async function isMember(db: Kysely<DB>, folderId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom("folder_members")
    .select("user_id")
    .where("folder_id", "=", folderId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertMember(
  db: Kysely<DB>,
  folderId: string,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("folder_members")
    .values({ folder_id: folderId, user_id: userId, created_at: now })
    .execute();
}

/** Returns whether a membership was removed. */
export async function deleteMember(db: Kysely<DB>, folderId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("folder_members")
    .where("folder_id", "=", folderId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function containsApp(db: Kysely<DB>, folderId: string, appId: string): Promise<boolean> {
  const r = await db
    .selectFrom("folder_applications")
    .select("application_id")
    .where("folder_id", "=", folderId)
    .where("application_id", "=", appId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertFolderApp(
  db: Kysely<DB>,
  folderId: string,
  appId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("folder_applications")
    .values({ folder_id: folderId, application_id: appId, created_at: now })
    .execute();
}

/** Returns whether a link was removed. */
export async function deleteFolderApp(db: Kysely<DB>, folderId: string, appId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("folder_applications")
    .where("folder_id", "=", folderId)
    .where("application_id", "=", appId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A page of a folder's members, ordered like the user list (email, id). */
export async function listMembers(
  db: Kysely<DB>,
  folderId: string,
  w: PageWindow,
): Promise<{ rows: UserRow[]; total: number }> {
  const search = w.search;
  const base = db
    .selectFrom("folder_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .where("m.folder_id", "=", folderId)
    .$if(search !== undefined, (qb) => qb.where(containsLower("u.search_text", search ?? "")));
  const [rows, count] = await Promise.all([
    base
      .selectAll("u")
      .orderBy("u.email_normalized")
      .orderBy("u.id")
      .limit(w.pageSize)
      .offset(w.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every application in a folder, by name (folders hold few applications: unpaged). */
export function listFolderApps(db: Kysely<DB>, folderId: string): Promise<ApplicationRow[]> {
  return db
    .selectFrom("folder_applications as fa")
    .innerJoin("applications as a", "a.id", "fa.application_id")
    .where("fa.folder_id", "=", folderId)
    .selectAll("a")
    .orderBy("a.search_text")
    .orderBy("a.id")
    .execute();
}
