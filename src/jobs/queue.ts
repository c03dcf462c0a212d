/**
 * The durable job queue, in the `jobs` table of the same database (graphile-worker semantics):
 * jobs are enqueued in the transaction of the change that causes them, claimed with a lease
 * (`locked_by`, `locked_until`; `FOR UPDATE SKIP LOCKED` on PostgreSQL), run at most one at a time
 * per serial `queue` and in id order within it, merged by `job_key` while pending, ordered by
 * `priority`, retried with capped exponential backoff and jitter, and bounded per application by
 * `provisioning_settings.max_concurrency` across processes.
 */
import { type Kysely, sql } from "kysely";
import { chunkRows, type DB, type DialectInfo } from "../db/index.js";
import type { JobRow } from "./jobs.tables.js";

export interface EnqueueInput {
  kind: string;
  applicationId: string;
  payload?: Record<string, unknown>;
  /** Serial queue: jobs of one queue run one at a time, in id order (e.g. `<app>:user:<id>`). */
  queue?: string | null;
  /** A pending job with the same key absorbs this one (payload replaced, earliest run_at, highest priority). */
  jobKey?: string | null;
  /** Higher runs first: an admin's click (10) before a bulk backlog (0). */
  priority?: number;
  runAt?: string;
  maxAttempts?: number;
  createdBy?: string | null;
}

export const DEFAULT_MAX_ATTEMPTS = 6;

/**
 * Enqueues many jobs at once (a folder of 10,000 gaining an application): pending keys are looked
 * up in chunks, the rest inserted in multi-row statements. Same semantics as {@link enqueue}.
 */
export async function enqueueMany(
  db: Kysely<DB>,
  dialect: DialectInfo,
  inputs: readonly EnqueueInput[],
  now: string,
): Promise<number> {
  const byKey = new Map<string, EnqueueInput>();
  const unkeyed: EnqueueInput[] = [];
  for (const i of inputs) {
    if (i.jobKey)
      byKey.set(i.jobKey, i); // the last intent for a key wins, as a merge would
    else unkeyed.push(i);
  }
  const keys = [...byKey.keys()];
  const pending = new Set<string>();
  for (let i = 0; i < keys.length; i += 1_000) {
    const rows = await db
      .selectFrom("jobs")
      .select("job_key")
      .where("state", "=", "queued")
      .where("job_key", "in", keys.slice(i, i + 1_000))
      .execute();
    for (const r of rows) if (r.job_key) pending.add(r.job_key);
  }
  for (const k of pending) await enqueue(db, byKey.get(k)!, now);
  const fresh = [...unkeyed, ...keys.filter((k) => !pending.has(k)).map((k) => byKey.get(k)!)];
  const rows = fresh.map((input) => ({
    kind: input.kind,
    application_id: input.applicationId,
    state: "queued" as const,
    payload: JSON.stringify(input.payload ?? {}),
    done: 0,
    created_by: input.createdBy ?? null,
    run_at: input.runAt ?? now,
    attempts: 0,
    max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    job_key: input.jobKey ?? null,
    queue: input.queue ?? null,
    priority: input.priority ?? 0,
    created_at: now,
    updated_at: now,
  }));
  for (const part of chunkRows(rows, 14, dialect)) {
    if (part.length > 0) await db.insertInto("jobs").values(part).execute();
  }
  return inputs.length;
}

/** Enqueues (or merges into a pending job with the same key). Call it inside the causing transaction. */
export async function enqueue(
  db: Kysely<DB>,
  input: EnqueueInput,
  now: string,
): Promise<{ id: number; merged: boolean }> {
  const runAt = input.runAt ?? now;
  const priority = input.priority ?? 0;
  const payload = JSON.stringify(input.payload ?? {});
  if (input.jobKey) {
    const pending = await db
      .selectFrom("jobs")
      .select(["id", "run_at", "priority"])
      .where("job_key", "=", input.jobKey)
      .where("state", "=", "queued")
      .orderBy("id")
      .executeTakeFirst();
    if (pending) {
      await db
        .updateTable("jobs")
        .set({
          payload,
          run_at: [pending.run_at, runAt].sort()[0]!, // ISO strings: the earliest
          priority: Math.max(Number(pending.priority), priority),
          updated_at: now,
        })
        .where("id", "=", pending.id)
        .execute();
      return { id: Number(pending.id), merged: true };
    }
  }
  const row = await db
    .insertInto("jobs")
    .values({
      kind: input.kind,
      application_id: input.applicationId,
      state: "queued",
      payload,
      done: 0,
      created_by: input.createdBy ?? null,
      run_at: runAt,
      attempts: 0,
      max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      job_key: input.jobKey ?? null,
      queue: input.queue ?? null,
      priority,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), merged: false };
}

export interface ClaimOptions {
  workerId: string;
  now: string;
  lockedUntil: string;
  limit: number;
}

/**
 * Claims up to `limit` runnable jobs: queued, due, first pending of their queue with nothing of
 * that queue running under a live lease, application not paused, and within the application's
 * concurrency. Jobs whose worker died (running, lease expired) become claimable again first.
 */
export async function claimJobs(db: Kysely<DB>, dialect: DialectInfo, o: ClaimOptions): Promise<JobRow[]> {
  if (o.limit <= 0) return [];
  return db.transaction().execute(async (trx) => {
    // Abandoned by a dead worker: run again (intents are re-checked, so a second run is harmless).
    await trx
      .updateTable("jobs")
      .set({ state: "queued", locked_by: null, locked_until: null, updated_at: o.now })
      .where("state", "=", "running")
      .where("queue", "is not", null)
      .where("locked_until", "<", o.now)
      .execute();
    const skipLocked = dialect.supportsSkipLocked ? sql` for update of j skip locked` : sql``;
    // The serial-queue and pause checks run on a window of the first due jobs in claim order (read
    // from jobs_claim_idx, which stops early) rather than on the whole backlog, which would be
    // filtered and sorted on every claim: 10,000 queued jobs cost ~60 ms a claim that way. When
    // the window holds nothing runnable (a backlog stuck behind busy queues), the whole backlog
    // is searched once.
    const find = async (window: number | null) => {
      let ids: number[] | undefined;
      if (window !== null) {
        // Read separately, so no planner can turn it into a join that scans the backlog per row.
        const rows = await trx
          .selectFrom("jobs")
          .select("id")
          .where("state", "=", "queued")
          .where("run_at", "<=", o.now)
          .where("queue", "is not", null)
          .orderBy("priority", "desc")
          .orderBy("id")
          .limit(window)
          .execute();
        ids = rows.map((r) => Number(r.id));
        if (ids.length === 0) return { rows: [], full: false };
      }
      const res = await sql<{ id: number; application_id: string; queue: string | null }>`
      select j.id, j.application_id, j.queue from jobs j
      where ${ids ? sql`j.id in (${sql.join(ids)}) and ` : sql``}j.state = 'queued' and j.run_at <= ${o.now}
        and j.queue is not null
        and not exists (select 1 from jobs p where p.queue = j.queue and p.state = 'queued' and p.id < j.id)
        and not exists (select 1 from jobs r where r.queue = j.queue and r.state = 'running')
        and not exists (select 1 from provisioning_settings s
          where s.application_id = j.application_id and s.paused_at is not null)
      order by j.priority desc, j.id
      limit ${o.limit * 4}${skipLocked}`.execute(trx);
      return { rows: res.rows, full: ids !== undefined && ids.length === window };
    };
    const window = Math.max(256, o.limit * 16);
    let candidates = await find(window);
    if (candidates.rows.length === 0 && candidates.full) candidates = await find(null);
    if (candidates.rows.length === 0) return [];
    const apps = [...new Set(candidates.rows.map((c) => c.application_id))].sort();
    // Two processes claiming at once must not both see the same running count and both fill the
    // quota: the applications' settings rows are locked (in id order, so claims cannot deadlock)
    // before counting. Claims for different applications do not wait for each other.
    if (dialect.supportsRowLocks) {
      await sql`select application_id from provisioning_settings
        where application_id in (${sql.join(apps)}) order by application_id for update`.execute(trx);
    }
    const [running, limits] = await Promise.all([
      trx
        .selectFrom("jobs")
        .select(["application_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("state", "=", "running")
        .where("queue", "is not", null)
        .where("application_id", "in", apps)
        .groupBy("application_id")
        .execute(),
      trx
        .selectFrom("provisioning_settings")
        .select(["application_id", "max_concurrency"])
        .where("application_id", "in", apps)
        .execute(),
    ]);
    const busy = new Map(running.map((r) => [r.application_id, Number(r.n)]));
    const cap = new Map(limits.map((l) => [l.application_id, Number(l.max_concurrency)]));
    const chosen: number[] = [];
    for (const c of candidates.rows) {
      if (chosen.length >= o.limit) break;
      const n = busy.get(c.application_id) ?? 0;
      if (n >= (cap.get(c.application_id) ?? 8)) continue;
      busy.set(c.application_id, n + 1);
      chosen.push(Number(c.id));
    }
    if (chosen.length === 0) return [];
    return trx
      .updateTable("jobs")
      .set((eb) => ({
        state: "running",
        locked_by: o.workerId,
        locked_until: o.lockedUntil,
        attempts: eb("attempts", "+", 1),
        updated_at: o.now,
      }))
      .where("id", "in", chosen)
      .where("state", "=", "queued")
      .returningAll()
      .execute();
  });
}

/** Marks a claimed job done. Only its lease holder may (a reclaimed job belongs to its new worker). */
export async function completeJob(
  db: Kysely<DB>,
  id: number,
  workerId: string,
  result: Record<string, unknown>,
  now: string,
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      state: "succeeded",
      result: JSON.stringify(result),
      locked_by: null,
      locked_until: null,
      updated_at: now,
      finished_at: now,
    })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .execute();
}

/** Back to the queue at `runAt` (a retry), or `failed` for good. */
export async function releaseJob(
  db: Kysely<DB>,
  id: number,
  workerId: string,
  next: { state: "queued"; runAt: string; error: string | null } | { state: "failed"; error: string },
  now: string,
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      state: next.state,
      last_error: next.error,
      locked_by: null,
      locked_until: null,
      updated_at: now,
      ...(next.state === "queued" ? { run_at: next.runAt } : { finished_at: now }),
    })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .execute();
}

/** Extends the lease of jobs this worker holds. */
export async function renewLeases(db: Kysely<DB>, ids: number[], workerId: string, until: string) {
  if (ids.length === 0) return;
  await db
    .updateTable("jobs")
    .set({ locked_until: until })
    .where("id", "in", ids)
    .where("locked_by", "=", workerId)
    .execute();
}

/**
 * Capped exponential backoff with full jitter: attempt 1 → up to base, 2 → 2×base, … capped at
 * `maxMs` (graphile-worker's curve, with jitter so a failing target is not hit in lockstep).
 */
export function retryDelay(attempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
