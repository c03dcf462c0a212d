/**
 * Effective access, computed by SQL and never stored: user U has access to application A when
 * (A, U) is in application_assignments, or A is in a folder U is a member of.
 *
 * The event writers here are set-based: each is ONE `INSERT … SELECT … RETURNING id` whose SELECT
 * is the access diff restricted to the pairs the change touches. They must run inside the change's
 * transaction, and each says whether it runs before or after the structural write — "before" ones
 * compute "who has access now but not counting the path being removed / added".
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB, DialectInfo } from "../db/index.js";
import type { EventType } from "./directory.tables.js";
import type { EventPayload } from "./model.js";

/** What every write inside a directory transaction needs. Event ids written are collected. */
export interface ChangeScope {
  trx: Transaction<DB>;
  dialect: DialectInfo;
  /** ISO timestamp of the change (one clock read per change). */
  now: string;
  /** Ids of the event rows this change wrote, in order. */
  eventIds: number[];
}

type Operand = RawBuilder<unknown> | string;
const operand = (v: Operand) => (typeof v === "string" ? sql`${v}` : v);

/**
 * SQL predicate: does `user` have access to `app`? Each is a column reference (`sql.ref(…)`) or a
 * bound value. `ignoreFolderId` leaves one folder out — how "before deleting folder F" is asked.
 */
export function accessPredicate(app: Operand, user: Operand, ignoreFolderId?: string): RawBuilder<boolean> {
  const a = operand(app);
  const u = operand(user);
  const ignore = ignoreFolderId === undefined ? sql`` : sql` and xfa.folder_id <> ${ignoreFolderId}`;
  return sql<boolean>`(exists (select 1 from application_assignments xaa
      where xaa.application_id = ${a} and xaa.user_id = ${u})
    or exists (select 1 from folder_applications xfa
      join folder_members xfm on xfm.folder_id = xfa.folder_id
      where xfa.application_id = ${a} and xfm.user_id = ${u}${ignore}))`;
}

/** Application ids `userId` has access to, as a subquery (one column `application_id`, distinct). */
export function accessibleAppsSql(userId: string): RawBuilder<{ application_id: string }> {
  return sql`select application_id from application_assignments where user_id = ${userId}
    union
    select fa.application_id from folder_applications fa
      join folder_members fm on fm.folder_id = fa.folder_id
    where fm.user_id = ${userId}`;
}

/** Does the user have access to the application right now? */
export async function hasAccess(db: Kysely<DB>, appId: string, userId: string): Promise<boolean> {
  const r = await sql<{
    ok: number;
  }>`select case when ${accessPredicate(appId, userId)} then 1 else 0 end as ok`.execute(db);
  return Number(r.rows[0]?.ok) === 1;
}

/**
 * Runs `insert into events … <select>`; the select must yield (application_id, user_id) and the
 * type, payload and timestamp are constants of the statement.
 */
async function insertEventsSelect(
  s: ChangeScope,
  type: EventType,
  payload: Record<string, unknown>,
  select: RawBuilder<unknown>,
): Promise<number> {
  const ts = sql.raw(String(s.dialect.timestampType));
  const r = await sql<{ id: number }>`insert into events (type, application_id, user_id, payload, created_at)
    select ${type}, q.application_id, q.user_id, ${JSON.stringify(payload)}, cast(${s.now} as ${ts})
    from (${select}) q
    order by q.user_id, q.application_id
    returning id`.execute(s.trx);
  for (const row of r.rows) s.eventIds.push(Number(row.id));
  return r.rows.length;
}

/**
 * One event per member of the folder who, right now, has no access to the app. Called BEFORE
 * linking app→folder it writes the gains; called AFTER unlinking it writes the losses.
 */
export function eventsForFolderMembersWithoutApp(
  s: ChangeScope,
  type: "userGainsAccess" | "userLosesAccess",
  folderId: string,
  appId: string,
  payload: EventPayload,
) {
  return insertEventsSelect(
    s,
    type,
    payload,
    sql`select ${appId} as application_id, fm.user_id as user_id from folder_members fm
      where fm.folder_id = ${folderId} and not ${accessPredicate(appId, sql.ref("fm.user_id"))}`,
  );
}

/**
 * One event per app of the folder the user, right now, cannot reach. Called BEFORE adding the
 * member it writes the gains; called AFTER removing the member it writes the losses.
 */
export function eventsForFolderAppsWithoutUser(
  s: ChangeScope,
  type: "userGainsAccess" | "userLosesAccess",
  folderId: string,
  userId: string,
  payload: EventPayload,
) {
  return insertEventsSelect(
    s,
    type,
    payload,
    sql`select fa.application_id as application_id, ${userId} as user_id from folder_applications fa
      where fa.folder_id = ${folderId} and not ${accessPredicate(sql.ref("fa.application_id"), userId)}`,
  );
}

/**
 * BEFORE deleting a folder: a loss for every (app in folder, member) pair with no other path —
 * access is evaluated ignoring the folder being deleted.
 */
export function lossesForFolderDelete(s: ChangeScope, folderId: string, payload: EventPayload) {
  return insertEventsSelect(
    s,
    "userLosesAccess",
    payload,
    sql`select fa.application_id as application_id, fm.user_id as user_id
      from folder_applications fa join folder_members fm on fm.folder_id = fa.folder_id
      where fa.folder_id = ${folderId}
        and not ${accessPredicate(sql.ref("fa.application_id"), sql.ref("fm.user_id"), folderId)}`,
  );
}

/** One event of `type` per application the user has access to (deactivation, update, deletion). */
export function eventsForUserApps(s: ChangeScope, type: EventType, userId: string, payload: EventPayload) {
  return insertEventsSelect(
    s,
    type,
    payload,
    sql`select a.application_id as application_id, ${userId} as user_id from (${accessibleAppsSql(userId)}) a`,
  );
}

/** BEFORE deleting an application: a loss for every user with access to it. */
export function lossesForAppDelete(s: ChangeScope, appId: string, payload: EventPayload) {
  return insertEventsSelect(
    s,
    "userLosesAccess",
    payload,
    sql`select ${appId} as application_id, x.user_id as user_id from (
        select user_id from application_assignments where application_id = ${appId}
        union
        select fm.user_id from folder_applications fa join folder_members fm on fm.folder_id = fa.folder_id
        where fa.application_id = ${appId}) x`,
  );
}

/** A single event row (direct assignment changes): written by the caller after its own check. */
export async function insertEvent(
  s: ChangeScope,
  type: EventType,
  appId: string,
  userId: string,
  payload: EventPayload,
): Promise<void> {
  const r = await s.trx
    .insertInto("events")
    .values({
      type,
      application_id: appId,
      user_id: userId,
      payload: JSON.stringify(payload),
      created_at: s.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  s.eventIds.push(Number(r.id));
}
