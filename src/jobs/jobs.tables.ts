/**
 * The jobs table (migration 0004): long work with progress now, the automation's durable queue
 * later. Columns follow graphile-worker (run_at, attempts, lease, job_key, queue, priority).
 */
import type { Generated, Selectable } from "kysely";

export type JobState = "queued" | "running" | "succeeded" | "failed";

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  application_id: string | null;
  state: JobState;
  payload: string;
  done: number;
  total: number | null;
  /** JSON summary written when the job succeeds. */
  result: string | null;
  last_error: string | null;
  /** `admin:<id>` or `event`. */
  created_by: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** Lease: the process working on it, until when. An expired lease means the worker died. */
  locked_by: string | null;
  locked_until: string | null;
  job_key: string | null;
  queue: string | null;
  priority: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobTables {
  jobs: JobsTable;
}

export type JobRow = Selectable<JobsTable>;
