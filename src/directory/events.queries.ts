/**
 * Reading the `events` outbox (tests, and the policy/job worker later).
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { EventRow } from "./directory.tables.js";

export interface ListEventsQuery {
  /** Only events with an id greater than this (a cursor). */
  after?: number | undefined;
  /** Default 100, max 10,000. */
  limit?: number | undefined;
  /** Only events not processed yet. */
  unprocessed?: boolean | undefined;
}

/** Events in id order (the order they were written). */
export function listEvents(db: Kysely<DB>, query: ListEventsQuery = {}): Promise<EventRow[]> {
  const limit = Math.min(10_000, Math.max(1, Math.floor(query.limit ?? 100)));
  return db
    .selectFrom("events")
    .selectAll()
    .$if(query.after !== undefined, (qb) => qb.where("id", ">", query.after ?? 0))
    .$if(query.unprocessed === true, (qb) => qb.where("processed_at", "is", null))
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** The highest event id so far (0 when none): a cursor for "events after this point". */
export async function lastEventId(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom("events")
    .select((eb) => eb.fn.max("id").as("m"))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}
