/**
 * Route-test helper for the directory: the shared test app (test/http-fixtures.ts: real server,
 * real auth hook, one admin and one API token) plus an `inject` that sends the bearer token.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { AppContext } from "../../src/app.js";
import type { Database } from "../../src/db/index.js";
import type { AutomationOptions, ScimTuning } from "../../src/provisioning/index.js";
import { buildTestApp } from "../http-fixtures.js";

export interface TestApi {
  app: FastifyInstance;
  ctx: AppContext;
  /** `app.inject` with `Authorization: Bearer <token>`. */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Builds the server over an already-open, migrated test database. */
export async function openTestApi(
  database: Database,
  opts: { scim?: ScimTuning; worker?: AutomationOptions["worker"] } = {},
): Promise<TestApi> {
  const { app, ctx, bearer } = await buildTestApp(database, opts);
  return {
    app,
    ctx,
    inject: (opts) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...bearer } }),
  };
}
