/**
 * Provisioning test rig: the real API (app.inject) over a test database, a real SCIM target
 * simulator on a loopback port, and one application connected to it.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/db/index.js";
import type { ScimTuning } from "../../src/provisioning/index.js";
import { type ScimTarget, type StartOptions, startScimTarget } from "../../tools/scim-target/index.js";
import { openTestApi, type TestApi } from "./api.js";

/** Retries that fit a test's time: a few quick attempts, seconds in all. */
export const FAST_SCIM: ScimTuning = {
  timeoutMs: 3_000,
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40, maxTotalMs: 4_000 },
};

/** A worker that polls often and retries within milliseconds. */
export const FAST_WORKER = { pollMs: 10, backoff: { baseMs: 5, maxMs: 50 }, leaseMs: 30_000, graceMs: 2_000 };

export interface ProvisioningRig {
  api: TestApi;
  target: ScimTarget;
  token: string;
  appId: string;
  appName: string;
  /** `/api/applications/:appId/provisioning` */
  base: string;
  get(path: string): Promise<LightMyRequestResponse>;
  post(path: string, payload?: object): Promise<LightMyRequestResponse>;
  put(path: string, payload?: object): Promise<LightMyRequestResponse>;
  del(path: string): Promise<LightMyRequestResponse>;
  /** Waits for a job to end (polls GET /api/jobs/:id) and returns its final JSON. */
  waitJob(jobId: number): Promise<Record<string, unknown>>;
  /** Creates a SmartLink user through the API. */
  user(
    fields?: Partial<{ email: string; firstName: string; lastName: string }>,
  ): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

/**
 * Starts the simulator (`target` options, default profile strict), builds the API and, unless
 * `connect: false`, connects a new application to the simulator.
 */
export async function openProvisioningRig(
  database: Database,
  opts: { target?: StartOptions; connect?: boolean; api?: TestApi; worker?: boolean } = {},
): Promise<ProvisioningRig> {
  const token = `tok-${randomUUID()}`;
  const target = await startScimTarget({ token, ...opts.target });
  const api =
    opts.api ??
    (await openTestApi(database, { scim: FAST_SCIM, ...(opts.worker ? { worker: FAST_WORKER } : {}) }));
  const appName = `App ${randomUUID().slice(0, 8)}`;
  const created = await api.inject({ method: "POST", url: "/api/applications", payload: { name: appName } });
  if (created.statusCode !== 201) throw new Error(`app create failed: ${created.body}`);
  const appId = created.json().id as string;
  const base = `/api/applications/${appId}/provisioning`;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE") => (path: string, payload?: object) =>
    api.inject({ method, url: `${base}${path}`, ...(payload ? { payload } : {}) });
  const rig: ProvisioningRig = {
    api,
    target,
    token,
    appId,
    appName,
    base,
    get: call("GET"),
    post: call("POST"),
    put: call("PUT"),
    del: call("DELETE"),
    async waitJob(jobId) {
      for (let i = 0; i < 2_000; i++) {
        const res = await api.inject({ method: "GET", url: `/api/jobs/${jobId}` });
        const job = res.json() as Record<string, unknown>;
        if (job.state === "succeeded" || job.state === "failed") return job;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`job ${jobId} did not finish`);
    },
    async user(fields = {}) {
      const tag = randomUUID().slice(0, 8);
      const res = await api.inject({
        method: "POST",
        url: "/api/users",
        payload: { email: `user-${tag}@example.test`, firstName: "Ada", lastName: `L${tag}`, ...fields },
      });
      if (res.statusCode !== 201) throw new Error(`user create failed: ${res.body}`);
      return res.json() as { id: string; email: string };
    },
    async close() {
      if (!opts.api) {
        await api.ctx.automation.stopWorker();
        await api.ctx.jobs.close();
        await api.ctx.provisioning.close();
        await api.app.close();
      }
      await target.close();
    },
  };
  if (opts.connect !== false) {
    const res = await rig.put("/connection", { baseUrl: target.url, token });
    if (res.statusCode !== 200) throw new Error(`connect failed: ${res.statusCode} ${res.body}`);
  }
  return rig;
}
