/**
 * `GET /api/jobs/:id` (DESIGN.md § HTTP API): the progress of long work. A long action answers
 * 202 `{ jobId }`; {@link useJob} polls the job until it ends. Shapes mirror `JobSchema` in
 * src/jobs/jobs.routes.ts.
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "./client";

export type JobState = "queued" | "running" | "succeeded" | "failed";

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

/** What a long action answers: 202 with the job to follow. */
export interface JobStarted {
  jobId: number;
}

export const isJobOver = (job: Job | undefined) => job?.state === "succeeded" || job?.state === "failed";

export const getJob = (id: number) => api<Job>("GET", `/jobs/${id}`);

/** Polls a job every 400 ms while it runs; `null` follows nothing. */
export const useJob = (id: number | null) =>
  useQuery({
    queryKey: ["jobs", id],
    queryFn: () => getJob(id as number),
    enabled: id !== null,
    refetchInterval: (q) => (isJobOver(q.state.data) ? false : 400),
  });
