/**
 * Tracked long work (snapshot refreshes): a `jobs` row with progress, run in this process, leased so
 * that a job whose process died reads as failed instead of running forever. The automation's
 * durable queue builds on the same table.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { Database } from "../db/index.js";
import { notFound } from "../errors.js";
import type { JobRow, JobState } from "./jobs.tables.js";

/** The public shape of a job (DESIGN.md: `job { id, kind, state, done, total, error }`). */
export interface Job {
  id: number;
  kind: string;
  applicationId: string | null;
  state: JobState;
  done: number;
  total: number | null;
  error: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** Handed to the running work: report progress, and see whether the job should stop. */
export interface JobControl {
  id: number;
  signal: AbortSignal;
  /** Records progress and renews the lease. `total` may be unknown (null). */
  progress(done: number, total?: number | null): Promise<void>;
}

export interface StartTrackedInput {
  kind: string;
  applicationId: string;
  createdBy: string | null;
  payload?: Record<string, unknown>;
  run(job: JobControl): Promise<Record<string, unknown>>;
}

export interface JobsOptions {
  database: Database;
  clock: Clock;
  /** Called when tracked work fails (the failure is also stored on the job). */
  onError?: (err: unknown, job: { id: number; kind: string }) => void;
  /** Lease length; progress renews it. Default 60 s. */
  leaseMs?: number;
}

/** Creates the jobs service for one process. */
export function createJobs(opts: JobsOptions) {
  const { db } = opts.database;
  const leaseMs = opts.leaseMs ?? 60_000;
  const processId = `smartlink-${process.pid}-${randomUUID().slice(0, 8)}`;
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  const until = () => new Date(opts.clock.now() + leaseMs).toISOString();

  /** A running job whose lease ran out was abandoned by a process that stopped. */
  function toJob(r: JobRow): Job {
    // Queue jobs (with a `queue`) are reclaimed by the next worker; tracked work is not.
    const abandoned =
      r.queue === null &&
      r.state === "running" &&
      r.locked_until !== null &&
      r.locked_until < isoNow(opts.clock);
    return {
      id: Number(r.id),
      kind: r.kind,
      applicationId: r.application_id,
      state: abandoned ? "failed" : r.state,
      done: Number(r.done),
      total: r.total === null ? null : Number(r.total),
      error: abandoned
        ? "Interrupted: the process running this job stopped before it finished"
        : r.last_error,
      result: r.result ? (JSON.parse(r.result) as Record<string, unknown>) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      finishedAt: r.finished_at,
    };
  }

  async function finish(id: number, state: JobState, fields: { result?: string; last_error?: string }) {
    const now = isoNow(opts.clock);
    await db
      .updateTable("jobs")
      .set({ state, ...fields, locked_by: null, locked_until: null, updated_at: now, finished_at: now })
      .where("id", "=", id)
      .execute();
  }

  return {
    /**
     * Starts `run` in the background as a tracked job, unless a job of the same kind for the same
     * application is already running: then that job is returned (`started: false`), so two clicks
     * on Refresh never run two refreshes.
     */
    async startTracked(input: StartTrackedInput): Promise<{ job: Job; started: boolean }> {
      const row = await db.transaction().execute(async (trx) => {
        const now = isoNow(opts.clock);
        const active = await trx
          .selectFrom("jobs")
          .selectAll()
          .where("application_id", "=", input.applicationId)
          .where("kind", "=", input.kind)
          .where("state", "=", "running")
          .where("locked_until", ">", now)
          .orderBy("id", "desc")
          .executeTakeFirst();
        if (active) return { row: active, started: false };
        const inserted = await trx
          .insertInto("jobs")
          .values({
            kind: input.kind,
            application_id: input.applicationId,
            state: "running",
            payload: JSON.stringify(input.payload ?? {}),
            created_by: input.createdBy,
            done: 0,
            run_at: now,
            attempts: 1,
            max_attempts: 1,
            priority: 0,
            locked_by: processId,
            locked_until: until(),
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { row: inserted, started: true };
      });
      if (!row.started) return { job: toJob(row.row), started: false };
      const id = Number(row.row.id);
      const abort = new AbortController();
      const control: JobControl = {
        id,
        signal: abort.signal,
        async progress(done, total) {
          await db
            .updateTable("jobs")
            .set({
              done,
              ...(total === undefined ? {} : { total }),
              locked_until: until(),
              updated_at: isoNow(opts.clock),
            })
            .where("id", "=", id)
            .execute();
        },
      };
      const done = (async () => {
        try {
          const result = await input.run(control);
          await finish(id, "succeeded", { result: JSON.stringify(result) });
        } catch (err) {
          opts.onError?.(err, { id, kind: input.kind });
          const message = err instanceof Error ? err.message : String(err);
          await finish(id, "failed", { last_error: message }).catch(() => {});
        } finally {
          running.delete(id);
        }
      })();
      running.set(id, { abort, done });
      return { job: toJob(row.row), started: true };
    },

    async get(id: number): Promise<Job> {
      const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw notFound("job", String(id));
      return toJob(row);
    },

    /** Resolves when the job started in this process has ended (tests, shutdown). */
    async settled(id: number): Promise<Job> {
      await running.get(id)?.done;
      return this.get(id);
    },

    /** Asks every running job to stop and waits for them (graceful shutdown). */
    async close(): Promise<void> {
      const all = [...running.values()];
      for (const r of all) r.abort.abort(new Error("SmartLink is shutting down"));
      await Promise.allSettled(all.map((r) => r.done));
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
