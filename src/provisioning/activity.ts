/**
 * The Activity log: every SCIM exchange the provisioning of an application makes, with who caused
 * it (an admin, an event, the system) and what SmartLink was doing. The SCIM client's observer
 * reports each exchange (bodies already redacted of secrets); the actor and operation travel with
 * the async call chain (AsyncLocalStorage), so no call site has to pass them down.
 *
 * Rows are written in batches off the request path; `flush()` waits for them (an action flushes
 * before it answers, so the log is complete when the admin looks). {@link activityStats} counts
 * operations and failures per time bucket for the Activity tab's chart.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type Insertable, type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { Database, DB } from "../db/index.js";
import type { Observer, ObserverEvent } from "../scim/index.js";
import type { ActivityRow, ActorType, ScimActivityTable } from "./provisioning.tables.js";

/** Who caused a SCIM call. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label: string | null;
}

/** The automation acting on a directory event. */
export const EVENT_ACTOR: Actor = { type: "event", id: null, label: "automation" };

/** The system itself (scheduled work). */
export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "schedule" };

interface Scope {
  actor: Actor;
  operation: string;
}

/** Bodies are kept up to this many characters of JSON (a list page would be megabytes). */
const MAX_BODY_CHARS = 4_000;
const BATCH = 200;

/** One entry of GET …/activity. */
export interface ActivityEntry {
  id: number;
  at: string;
  actor: Actor;
  operation: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  status: number;
  durationMs: number;
  attempt: number;
  ok: boolean;
  error: string | null;
  requestBody: string | null;
  responseBody: string | null;
}

export interface ActivityQuery {
  page?: number | undefined;
  pageSize?: number | undefined;
  /** `failed` keeps errors and non-2xx answers only. */
  status?: "failed" | "ok" | undefined;
  operation?: string | undefined;
  /** Only entries caused by this kind of actor. */
  actor?: ActorType | undefined;
  /** Only this HTTP method (GET, POST…). */
  method?: string | undefined;
  /** Only entries at or after this instant (ISO-8601). */
  since?: string | undefined;
  /** Only entries before this instant (ISO-8601). */
  until?: string | undefined;
  /** Only entries before this id (cursor for "older"). */
  before?: number | undefined;
}

/** What GET …/activity/stats is asked: a window ending now, cut in equal buckets. */
export interface ActivityStatsQuery {
  hours: number;
  buckets: number;
}

/** Operations and failures over time, oldest bucket first; `start`/`end` are ISO-8601. */
export interface ActivityStats {
  from: string;
  to: string;
  bucketMinutes: number;
  total: number;
  failed: number;
  buckets: Array<{ start: string; end: string; total: number; failed: number }>;
}

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : text;
}

/** `/scim/v2/Users/abc?x` → `["User", "abc"]`; list and discovery paths have no resource id. */
function resourceOf(path: string): [string | null, string | null] {
  const m = /\/(Users|Groups)(?:\/([^/?]+))?(?:[/?]|$)/.exec(path);
  if (!m) return [null, null];
  return [m[1] === "Users" ? "User" : "Group", m[2] ? decodeURIComponent(m[2]) : null];
}

/** Creates the recorder over one database. */
export function createActivity(opts: { database: Database; clock: Clock; log: Logger }) {
  const { db } = opts.database;
  const als = new AsyncLocalStorage<Scope>();
  let queue: Insertable<ScimActivityTable>[] = [];
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;

  function drain(): Promise<void> {
    scheduled = false;
    const rows = queue;
    queue = [];
    if (rows.length === 0) return writing;
    writing = writing.then(async () => {
      for (let i = 0; i < rows.length; i += BATCH) {
        try {
          await db
            .insertInto("scim_activity")
            .values(rows.slice(i, i + BATCH))
            .execute();
        } catch (err) {
          // Losing a log line must not fail provisioning; say so where operators look.
          opts.log.warn({ err, rows: rows.length }, "could not write SCIM activity");
        }
      }
    });
    return writing;
  }

  function record(applicationId: string, e: ObserverEvent): void {
    const scope = als.getStore();
    const [resourceType, resourceId] = resourceOf(e.path);
    queue.push({
      application_id: applicationId,
      at: isoNow(opts.clock),
      actor_type: scope?.actor.type ?? "system",
      actor_id: scope?.actor.id ?? null,
      actor_label: scope?.actor.label ?? null,
      operation: scope?.operation ?? "scim.request",
      method: e.method,
      path: e.path,
      resource_type: resourceType,
      resource_id: resourceId,
      status: e.status,
      duration_ms: Math.round(e.durationMs),
      attempt: e.attempt,
      error: e.error ? e.error.message : null,
      request_body: bodyText(e.requestBody),
      response_body: bodyText(e.responseBody),
    });
    if (queue.length >= BATCH) void drain();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(() => void drain());
    }
  }

  return {
    /** The observer to give the SCIM client of `applicationId`. */
    observer:
      (applicationId: string): Observer =>
      (e) =>
        record(applicationId, e),
    /** Runs `fn` with `actor` and `operation` attached to every SCIM call it makes. */
    run: <T>(actor: Actor, operation: string, fn: () => Promise<T>): Promise<T> =>
      als.run({ actor, operation }, fn),
    /** Waits until every recorded exchange is in the database. */
    flush: (): Promise<void> => drain(),

    /** Newest first. */
    async list(applicationId: string, q: ActivityQuery = {}) {
      const page = Math.max(1, q.page ?? 1);
      const pageSize = Math.min(500, Math.max(1, q.pageSize ?? 50));
      let base = db.selectFrom("scim_activity").where("application_id", "=", applicationId);
      if (q.status === "failed")
        base = base.where((eb) => eb.or([eb("status", "<", 200), eb("status", ">=", 300)]));
      if (q.status === "ok") base = base.where("status", ">=", 200).where("status", "<", 300);
      if (q.operation) base = base.where("operation", "=", q.operation);
      if (q.actor) base = base.where("actor_type", "=", q.actor);
      if (q.method) base = base.where("method", "=", q.method);
      if (q.since) base = base.where("at", ">=", q.since);
      if (q.until) base = base.where("at", "<", q.until);
      if (q.before) base = base.where("id", "<", q.before);
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy("id", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: Number(count.n), page, pageSize };
    },

    /** Operations and failures over time (the Activity tab's chart). */
    stats: (applicationId: string, q: ActivityStatsQuery) => activityStats(db, opts.clock, applicationId, q),
  };
}

/**
 * Operations and failures per bucket over the last `hours`, in one aggregate query: the
 * buckets' bounds are epoch-aligned (hourly buckets start on the hour) and the last one holds
 * now. Timestamps are ISO-8601 in both dialects, so a CASE over the bounds numbers the buckets
 * without any date function.
 */
async function activityStats(
  db: Kysely<DB>,
  clock: Clock,
  applicationId: string,
  q: ActivityStatsQuery,
): Promise<ActivityStats> {
  const bucketMs = Math.max(60_000, Math.round((q.hours * 3_600_000) / q.buckets / 60_000) * 60_000);
  const end = (Math.floor(clock.now() / bucketMs) + 1) * bucketMs;
  const bounds = Array.from({ length: q.buckets + 1 }, (_, i) =>
    new Date(end - (q.buckets - i) * bucketMs).toISOString(),
  );
  const from = bounds[0] as string;
  const to = bounds[q.buckets] as string;
  const bucket = sql<number>`case ${sql.join(
    bounds.slice(1).map((b, i) => sql`when ${sql.ref("at")} < ${b} then ${sql.lit(i)}`),
    sql` `,
  )} end`;
  const failed = sql<number>`case when ${sql.ref("a.status")} < 200 or ${sql.ref("a.status")} >= 300 then 1 else 0 end`;
  // Grouped over a sub-select: PostgreSQL would not match a parameterised CASE in GROUP BY.
  const rows = await db
    .selectFrom((qb) =>
      qb
        .selectFrom("scim_activity")
        .where("application_id", "=", applicationId)
        .where("at", ">=", from)
        .where("at", "<", to)
        .select([bucket.as("bucket"), "status"])
        .as("a"),
    )
    .select((eb) => [
      "a.bucket",
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(failed).as("failed"),
    ])
    .groupBy("a.bucket")
    .execute();
  const buckets = bounds.slice(0, -1).map((start, i) => ({
    start,
    end: bounds[i + 1] as string,
    total: 0,
    failed: 0,
  }));
  for (const r of rows) {
    const b = buckets[Number(r.bucket)];
    if (b) Object.assign(b, { total: Number(r.total), failed: Number(r.failed ?? 0) });
  }
  const sum = (k: "total" | "failed") => buckets.reduce((n, b) => n + b[k], 0);
  return { from, to, bucketMinutes: bucketMs / 60_000, total: sum("total"), failed: sum("failed"), buckets };
}

function toEntry(r: ActivityRow): ActivityEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    operation: r.operation,
    method: r.method,
    path: r.path,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    status: Number(r.status),
    durationMs: Number(r.duration_ms),
    attempt: Number(r.attempt),
    ok: r.status >= 200 && r.status < 300,
    error: r.error,
    requestBody: r.request_body,
    responseBody: r.response_body,
  };
}

export type Activity = ReturnType<typeof createActivity>;
