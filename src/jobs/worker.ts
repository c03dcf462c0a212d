/**
 * The worker loop: claims due jobs, runs each with its handler, renews leases while they run, and
 * records the outcome — done, retried later with backoff, or failed for good (then `onFinalFailure`
 * raises a ticket: a job is never dropped silently). Runs inside `smartlink serve` and as
 * `smartlink worker` processes; several may share one database.
 *
 * Graceful stop: no new claims; in-flight jobs get `graceMs` to finish, then their leases are
 * released so another worker takes them at once instead of after the lease expires.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { Database } from "../db/index.js";
import type { JobRow } from "./jobs.tables.js";
import { claimJobs, completeJob, releaseJob, renewLeases, retryDelay } from "./queue.js";

/** What a handler's failure means for the job. */
export type FailureVerdict =
  /** Try again after a backoff (until max_attempts, then final failure). */
  | { action: "retry"; message: string }
  /** Do not retry: fail now (the handler's request can never succeed as is). */
  | { action: "fail"; message: string }
  /** The target is unusable (credentials, quarantine): put the job back without burning an attempt. */
  | { action: "requeue"; message: string; delayMs: number };

export type JobHandler = (job: JobRow, payload: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface WorkerOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  handlers: Record<string, JobHandler>;
  /** Decides retry / fail / requeue for a thrown error. */
  classify(err: unknown, job: JobRow): FailureVerdict | Promise<FailureVerdict>;
  /** Called once a job has failed for good (after its last attempt, or a `fail` verdict). */
  onFinalFailure?(job: JobRow, message: string): Promise<void>;
  /** Called after each job that succeeded. */
  onSuccess?(job: JobRow, result: Record<string, unknown>): Promise<void>;
  /** Jobs run at once by this process. Default 16. */
  concurrency?: number;
  /** Idle poll interval. Default 100 ms. */
  pollMs?: number;
  leaseMs?: number;
  /** Backoff: first retry after up to `baseMs`, doubling, capped. Defaults 2 s, 5 min. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  graceMs?: number;
}

export function createWorker(opts: WorkerOptions) {
  const { db, dialect } = opts.database;
  const workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 16;
  const pollMs = opts.pollMs ?? 100;
  const leaseMs = opts.leaseMs ?? 60_000;
  const backoff = opts.backoff ?? { baseMs: 2_000, maxMs: 300_000 };
  const random = opts.random ?? Math.random;
  const inFlight = new Map<number, Promise<void>>();
  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  const now = () => isoNow(opts.clock);
  const until = (ms: number) => new Date(opts.clock.now() + ms).toISOString();

  async function runOne(job: JobRow): Promise<void> {
    const id = Number(job.id);
    const handler = opts.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const payload = JSON.parse(job.payload) as Record<string, unknown>;
      const result = await handler(job, payload);
      await completeJob(db, id, workerId, result, now());
      await opts.onSuccess?.(job, result);
    } catch (err) {
      let verdict: FailureVerdict;
      try {
        verdict = await opts.classify(err, job);
      } catch {
        verdict = { action: "retry", message: err instanceof Error ? err.message : String(err) };
      }
      const attempts = Number(job.attempts);
      if (verdict.action === "requeue") {
        // Not the job's fault: the attempt is given back.
        await db
          .updateTable("jobs")
          .set((eb) => ({ attempts: eb("attempts", "-", 1) }))
          .where("id", "=", id)
          .where("locked_by", "=", workerId)
          .execute();
        await releaseJob(
          db,
          id,
          workerId,
          { state: "queued", runAt: until(verdict.delayMs), error: verdict.message },
          now(),
        );
      } else if (verdict.action === "retry" && attempts < Number(job.max_attempts)) {
        const delay = retryDelay(attempts, backoff.baseMs, backoff.maxMs, random);
        await releaseJob(
          db,
          id,
          workerId,
          { state: "queued", runAt: until(delay), error: verdict.message },
          now(),
        );
      } else {
        await releaseJob(db, id, workerId, { state: "failed", error: verdict.message }, now());
        await opts
          .onFinalFailure?.(job, verdict.message)
          .catch((e) => opts.log.error({ err: e, jobId: id }, "could not record a failed job"));
      }
      opts.log.warn(
        { jobId: id, kind: job.kind, attempt: attempts, verdict: verdict.action, error: verdict.message },
        "job failed",
      );
    }
  }

  async function tick(): Promise<number> {
    const free = concurrency - inFlight.size;
    // Claim in batches: one claim transaction per quarter of the slots, not one per finished job.
    if (free <= 0 || (inFlight.size > 0 && free < Math.max(1, concurrency >> 2))) return 0;
    const jobs = await claimJobs(db, dialect, {
      workerId,
      now: now(),
      lockedUntil: until(leaseMs),
      limit: free,
    });
    for (const job of jobs) {
      const id = Number(job.id);
      const p = runOne(job)
        .catch((err) => opts.log.error({ err, jobId: id }, "job bookkeeping failed"))
        .finally(() => {
          inFlight.delete(id);
          wake?.();
        });
      inFlight.set(id, p);
    }
    return jobs.length;
  }

  async function main(): Promise<void> {
    while (running) {
      let claimed = 0;
      try {
        claimed = await tick();
      } catch (err) {
        opts.log.error({ err }, "claiming jobs failed");
      }
      if (!running) break;
      if (claimed === 0 || inFlight.size >= concurrency) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    id: workerId,
    start(): void {
      if (running) return;
      running = true;
      loop = main();
      leaseTimer = setInterval(
        () => {
          void renewLeases(db, [...inFlight.keys()], workerId, until(leaseMs)).catch((err) =>
            opts.log.warn({ err }, "lease renewal failed"),
          );
        },
        Math.max(1_000, leaseMs / 3),
      );
      leaseTimer.unref();
    },
    /** Wakes the loop now (a job was just enqueued in this process). */
    nudge(): void {
      wake?.();
    },
    async stop(graceMs = opts.graceMs ?? 10_000): Promise<void> {
      running = false;
      wake?.();
      await loop;
      if (leaseTimer) clearInterval(leaseTimer);
      const pending = [...inFlight.values()];
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
      if ((await Promise.race([Promise.all(pending), timeout])) === "timeout") {
        // Still running: hand the jobs back now rather than after the lease expires.
        await db
          .updateTable("jobs")
          .set({ state: "queued", locked_by: null, locked_until: null, updated_at: now() })
          .where("locked_by", "=", workerId)
          .where("state", "=", "running")
          .execute();
      }
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
