/** The jobs module's public face. */

export { JobSchema, jobRoutes } from "./jobs.routes.js";
export { createJobs, type Job, type JobControl, type Jobs, type StartTrackedInput } from "./jobs.service.js";
export type { JobRow, JobState, JobTables } from "./jobs.tables.js";
