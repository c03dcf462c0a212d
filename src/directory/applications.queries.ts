/**
 * Applications, direct assignments, and the reads behind an application's Access and Folders tabs.
 *
 * Single-row insert/update/delete/exists helpers are named for what they do and carry no JSDoc;
 * every query that reads more than one row says how it stays fast.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/index.js";
import { accessPredicate } from "./access.sql.js";
import type { ApplicationRow, ApplicationsTable, FolderRow, UserRow } from "./directory.tables.js";
import { containsLower, type PageWindow } from "./paging.js";

export function findApplication(db: Kysely<DB>, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listApplications(
  db: Kysely<DB>,
  w: PageWindow,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const search = w.search;
  const base = db
    .selectFrom("applications")
    .$if(search !== undefined, (qb) => qb.where(containsLower("search_text", search ?? "")));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("search_text").orderBy("id").limit(w.pageSize).offset(w.offset).execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertApplication(db: Kysely<DB>, row: ApplicationsTable): Promise<void> {
  await db.insertInto("applications").values(row).execute();
}

export async function updateApplicationRow(db: Kysely<DB>, id: string, patch: Partial<ApplicationsTable>) {
  await db.updateTable("applications").set(patch).where("id", "=", id).execute();
}

export async function deleteApplicationRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("applications").where("id", "=", id).execute();
}

export async function isAssigned(db: Kysely<DB>, appId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom("application_assignments")
    .select("user_id")
    .where("application_id", "=", appId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertAssignment(db: Kysely<DB>, appId: string, userId: string, now: string) {
  await db
    .insertInto("application_assignments")
    .values({ application_id: appId, user_id: userId, created_at: now })
    .execute();
}

export async function deleteAssignment(db: Kysely<DB>, appId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("application_assignments")
    .where("application_id", "=", appId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * A page of the users with access to the application, by email. The page walks the users' email
 * index testing access per row (stops after offset + limit); the total counts the distinct union of
 * both paths instead of testing every user.
 */
export async function listAccess(
  db: Kysely<DB>,
  appId: string,
  w: PageWindow,
): Promise<{ rows: UserRow[]; total: number }> {
  const search = w.search;
  const page = db
    .selectFrom("users as u")
    .selectAll("u")
    .where(accessPredicate(appId, sql.ref("u.id")))
    .$if(search !== undefined, (qb) => qb.where(containsLower("u.search_text", search ?? "")))
    .orderBy("u.email_normalized")
    .orderBy("u.id")
    .limit(w.pageSize)
    .offset(w.offset);
  const holders = sql`select user_id from application_assignments where application_id = ${appId}
    union
    select fm.user_id from folder_applications fa join folder_members fm on fm.folder_id = fa.folder_id
    where fa.application_id = ${appId}`;
  const count = search
    ? sql<{ n: number }>`select count(*) as n from (${holders}) x join users u on u.id = x.user_id
        where ${containsLower("u.search_text", search)}`
    : sql<{ n: number }>`select count(*) as n from (${holders}) x`;
  const [rows, total] = await Promise.all([page.execute(), count.execute(db)]);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** For the given users: which of them are assigned directly, and through which folders. */
export async function accessPaths(
  db: Kysely<DB>,
  appId: string,
  userIds: readonly string[],
): Promise<{ direct: Set<string>; folders: Array<{ user_id: string; folder_id: string; name: string }> }> {
  if (userIds.length === 0) return { direct: new Set(), folders: [] };
  const [direct, folders] = await Promise.all([
    db
      .selectFrom("application_assignments")
      .select("user_id")
      .where("application_id", "=", appId)
      .where("user_id", "in", userIds)
      .execute(),
    db
      .selectFrom("folder_applications as fa")
      .innerJoin("folder_members as fm", "fm.folder_id", "fa.folder_id")
      .innerJoin("folders as f", "f.id", "fa.folder_id")
      .select(["fm.user_id", "f.id as folder_id", "f.name"])
      .where("fa.application_id", "=", appId)
      .where("fm.user_id", "in", userIds)
      .orderBy("f.search_text")
      .orderBy("f.id")
      .execute(),
  ]);
  return { direct: new Set(direct.map((d) => d.user_id)), folders };
}

/** Folders containing the application, by name. */
export function listAppFolders(db: Kysely<DB>, appId: string): Promise<FolderRow[]> {
  return db
    .selectFrom("folder_applications as fa")
    .innerJoin("folders as f", "f.id", "fa.folder_id")
    .where("fa.application_id", "=", appId)
    .selectAll("f")
    .orderBy("f.search_text")
    .orderBy("f.id")
    .execute();
}
