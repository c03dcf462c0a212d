/**
 * Tickets table queries. Rows in, rows out: mapping to `Ticket` happens in the service.
 *
 * Single-row insert/update helpers are named for what they do and carry no JSDoc; every query that
 * reads more than one row says how it stays fast.
 */
import { type Kysely, sql, type UpdateObject } from "kysely";
import type { DB } from "../db/index.js";
import type { TicketRow, TicketStatus, TicketsTable } from "./messaging.tables.js";

/** A ticket row with the names of what it points at; null when that was deleted since. */
export interface TicketView extends TicketRow {
  user_email: string | null;
  application_name: string | null;
  folder_name: string | null;
}

export interface TicketFilter {
  status?: TicketStatus | undefined;
  applicationId?: string | undefined;
}

/** Columns to set: values, or expressions such as `coalesce(read_at, …)`. */
export type TicketPatch = UpdateObject<DB, "tickets">;

/** The ticket columns plus the joined names (users, applications, folders may have gone). */
function selectViews(db: Kysely<DB>) {
  return db
    .selectFrom("tickets as t")
    .leftJoin("users as u", "u.id", "t.user_id")
    .leftJoin("applications as a", "a.id", "t.application_id")
    .leftJoin("folders as f", "f.id", "t.folder_id")
    .selectAll("t")
    .select(["u.email as user_email", "a.name as application_name", "f.name as folder_name"]);
}

export function findTicket(db: Kysely<DB>, id: number): Promise<TicketView | undefined> {
  return selectViews(db).where("t.id", "=", id).executeTakeFirst();
}

export function findOpenIdByKey(db: Kysely<DB>, dedupeKey: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom("tickets")
    .select("id")
    .where("dedupe_key", "=", dedupeKey)
    .where("status", "=", "open")
    .executeTakeFirst();
}

/**
 * Inserts an open ticket unless an open one with the same dedupe key exists; returns its id, or
 * undefined when the partial unique index `tickets_open_uq` refused it.
 *
 * `ON CONFLICT (dedupe_key) WHERE status = 'open' DO NOTHING` names that partial index (SQLite ≥
 * 3.35 and PostgreSQL both infer it). The predicate must be a literal: with a bound parameter
 * neither database can prove it implies the index's predicate, and both reject the statement.
 * Catching a unique violation instead was rejected: on PostgreSQL the error would abort the
 * caller's transaction (Kysely 0.28 has no savepoints to contain it).
 */
export async function insertOpenTicket(
  db: Kysely<DB>,
  row: Omit<TicketsTable, "id">,
): Promise<number | undefined> {
  const inserted = await db
    .insertInto("tickets")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").where("status", "=", sql.lit("open")).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted === undefined ? undefined : Number(inserted.id);
}

export async function updateTicketRow(db: Kysely<DB>, id: number, patch: TicketPatch): Promise<void> {
  await db.updateTable("tickets").set(patch).where("id", "=", id).execute();
}

/** Updates the ticket only while it is open; false when it was closed (or never existed). */
export async function updateOpenTicket(db: Kysely<DB>, id: number, patch: TicketPatch): Promise<boolean> {
  const r = await db
    .updateTable("tickets")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Closes the open ticket(s) of a key: at most one, by `tickets_open_uq`, found through it. */
export async function closeOpenByKey(
  db: Kysely<DB>,
  dedupeKey: string | readonly string[],
  patch: TicketPatch,
): Promise<number> {
  const keys = typeof dedupeKey === "string" ? [dedupeKey] : [...dedupeKey];
  const r = await db
    .updateTable("tickets")
    .set(patch)
    .where("dedupe_key", "in", keys)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * One page of tickets, newest (highest id) first. The filters match the leading columns of
 * `tickets_status_idx (status, id)` and `tickets_app_idx (application_id, status, id)`, so the page
 * is read in index order; the joins are by primary key, one row each.
 */
export async function listTickets(
  db: Kysely<DB>,
  filter: TicketFilter,
  window: { limit: number; offset: number },
): Promise<{ rows: TicketView[]; total: number }> {
  let rows = selectViews(db);
  let count = db.selectFrom("tickets as t").select((eb) => eb.fn.countAll<number>().as("n"));
  if (filter.status !== undefined) {
    rows = rows.where("t.status", "=", filter.status);
    count = count.where("t.status", "=", filter.status);
  }
  if (filter.applicationId !== undefined) {
    rows = rows.where("t.application_id", "=", filter.applicationId);
    count = count.where("t.application_id", "=", filter.applicationId);
  }
  const [page, totals] = await Promise.all([
    rows.orderBy("t.id", "desc").limit(window.limit).offset(window.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: Number(totals.n) };
}

/** Open tickets no admin has read yet, counted from `tickets_status_idx`. */
export async function countUnread(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "open")
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
