/**
 * Applications, direct assignments, and the reads behind an application's Access and Folders tabs.
 *
 * Single-row insert/update/delete/exists helpers are named for what they do and carry no JSDoc;
 * every query that reads more than one row says how it stays fast.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
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

/** Where a keyset page starts: after this (email_normalized, id). */
export interface AccessCursor {
  email: string;
  id: string;
}

/**
 * Users with access to the application, by (email, id). Access is derived, never stored, so a page
 * walks the users' (email_normalized, id) index testing access per row — cost grows with the rows
 * skipped. Three things keep it bounded:
 * - `after` (keyset): the walk starts at the cursor, so "next page" costs one page whatever the depth;
 * - a page past the middle walks the index backwards from the end (half the worst-case walk);
 * - the total counts the folder members and direct assignments without testing every user;
 * - a page that starts at the cursor (or the top) of a well-populated list tests each row it walks by
 *   index probes ({@link probedAccess}), not by PostgreSQL's hashed variant of the predicate.
 */
/** Users with access from which a page walk tests each row by index probes (see probedAccess). */
const PROBE_FROM = 5_000;

/**
 * The access predicate evaluated per row, by index probes. Under a LIMIT, PostgreSQL otherwise
 * prefers the predicate's hashed form: it hashes every folder membership of the application
 * before the first row — 40–90 ms at 100,000 members, for a 50-row page that needs 50 probes
 * (under 1 ms). A scalar subquery is planned for one call per row, so it keeps the probes. Worth
 * it only when access is dense enough that the walk finds its page quickly; a sparse list keeps
 * the hashed form, which is cheap there.
 */
function probedAccess(appId: string, userId: RawBuilder<unknown>) {
  return sql<boolean>`(select 1 where ${accessPredicate(appId, userId)} limit 1) = 1`;
}

export async function listAccess(
  db: Kysely<DB>,
  appId: string,
  w: PageWindow,
  after?: AccessCursor,
): Promise<{ rows: UserRow[]; total: number }> {
  const search = w.search;
  if (search !== undefined) return searchAccess(db, appId, w, search, after);
  const total = await countAccess(db, appId);
  const walksFromStart = after !== undefined || w.offset === 0;
  const base = db
    .selectFrom("users as u")
    .selectAll("u")
    .where(
      walksFromStart && total > PROBE_FROM
        ? probedAccess(appId, sql.ref("u.id"))
        : accessPredicate(appId, sql.ref("u.id")),
    );
  if (after) {
    const rows = await base
      .where(sql<boolean>`(u.email_normalized, u.id) > (${after.email}, ${after.id})`)
      .orderBy("u.email_normalized")
      .orderBy("u.id")
      .limit(w.pageSize)
      .execute();
    return { rows, total };
  }
  const fromEnd = total - w.offset - w.pageSize;
  if (w.offset > total / 2 && w.offset < total) {
    const rows = await base
      .orderBy("u.email_normalized", "desc")
      .orderBy("u.id", "desc")
      .limit(Math.min(w.pageSize, total - w.offset))
      .offset(Math.max(0, fromEnd))
      .execute();
    return { rows: rows.reverse(), total };
  }
  const rows = await base
    .orderBy("u.email_normalized")
    .orderBy("u.id")
    .limit(w.pageSize)
    .offset(w.offset)
    .execute();
  return { rows, total };
}

/**
 * A search filters first: the matching users come from the narrow search index (a MATERIALIZED
 * CTE, as in users.queries.ts), access is tested on those only, and one pass pages and counts them.
 */
async function searchAccess(
  db: Kysely<DB>,
  appId: string,
  w: PageWindow,
  search: string,
  after: AccessCursor | undefined,
): Promise<{ rows: UserRow[]; total: number }> {
  const hits = await db
    .with(
      (cte) => cte("hits").materialized(),
      (qb) =>
        qb.selectFrom("users").select(["id", "email_normalized"]).where(containsLower("search_text", search)),
    )
    .with("granted", (qb) =>
      qb
        .selectFrom("hits")
        .select(["id", "email_normalized", sql<number>`count(*) over ()`.as("total")])
        .where(accessPredicate(appId, sql.ref("hits.id"))),
    )
    .selectFrom("granted")
    .select(["id", "total"])
    .$if(after !== undefined, (qb) =>
      qb.where(sql<boolean>`(email_normalized, id) > (${after?.email ?? ""}, ${after?.id ?? ""})`),
    )
    .orderBy("email_normalized")
    .orderBy("id")
    .limit(w.pageSize)
    .$if(after === undefined, (qb) => qb.offset(w.offset))
    .execute();
  const total = hits[0]
    ? Number(hits[0].total)
    : Number(
        (
          await sql<{ n: number }>`select count(*) as n from users u
            where ${containsLower("u.search_text", search)} and ${accessPredicate(appId, sql.ref("u.id"))}`.execute(
            db,
          )
        ).rows[0]?.n ?? 0,
      );
  if (hits.length === 0) return { rows: [], total };
  const rows = await db
    .selectFrom("users")
    .selectAll()
    .where(
      "id",
      "in",
      hits.map((h) => h.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: hits.flatMap((h) => byId.get(h.id) ?? []), total };
}

/**
 * |direct ∪ folders| = |direct| + |folder members| − |direct ∩ folder members|. With one folder
 * holding the application (the common case) the members count is an index range count; with
 * several, a distinct count.
 */
async function countAccess(db: Kysely<DB>, appId: string): Promise<number> {
  const folders = (
    await db
      .selectFrom("folder_applications")
      .select("folder_id")
      .where("application_id", "=", appId)
      .execute()
  ).map((f) => f.folder_id);
  const members =
    folders.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom("folder_members")
              .select((eb) =>
                (folders.length === 1
                  ? eb.fn.countAll<number>()
                  : eb.fn.count<number>("user_id").distinct()
                ).as("n"),
              )
              .where("folder_id", "in", folders)
              .executeTakeFirstOrThrow()
          ).n,
        );
  const r = await sql<{ direct: number; both: number }>`select
      (select count(*) from application_assignments where application_id = ${appId}) as direct,
      (select count(*) from application_assignments aa where aa.application_id = ${appId}
         and exists (select 1 from folder_applications fa join folder_members fm on fm.folder_id = fa.folder_id
           where fa.application_id = ${appId} and fm.user_id = aa.user_id)) as both`.execute(db);
  const row = r.rows[0];
  return row ? Number(row.direct) + members - Number(row.both) : members;
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
