/** The jobs module's public face. */

export { JobSchema, jobRoutes } from "./jobs.routes.js";
export { createJobs, type Job, type JobControl, type Jobs, type StartTrackedInput } from "./jobs.service.js";
export type { JobRow, JobState, JobTables } from "./jobs.tables.js";
export {
  claimJobs,
  completeJob,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueInput,
  enqueue,
  enqueueMany,
  releaseJob,
  retryDelay,
} from "./queue.js";
export {
  createWorker,
  type FailureVerdict,
  type JobHandler,
  type Worker,
  type WorkerOptions,
} from "./worker.js";
