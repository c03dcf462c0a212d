/** Builds the real Fastify app over a fresh database for route tests (app.inject, no sockets). */
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type AppContext, createAppContext } from "../src/app.js";
import type { LoginLimits } from "../src/auth/index.js";
import type { Clock } from "../src/clock.js";
import type { Database } from "../src/db/index.js";
import { buildServer } from "../src/http/server.js";
import type { AutomationOptions, ScimTuning } from "../src/provisioning/index.js";
import { TEST_SCRYPT, testConfig } from "./auth-fixtures.js";

export const ADMIN_EMAIL = "admin@example.com";
export const ADMIN_PASSWORD = "correct horse battery staple";

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** A bearer token owned by the test admin. */
  token: string;
  /** `{ authorization: "Bearer …" }` for inject calls. */
  bearer: Record<string, string>;
}

/** The app over `database` (already migrated), with one admin and one API token. */
export async function buildTestApp(
  database: Database,
  opts: {
    log?: Logger;
    logRequests?: boolean;
    clock?: Clock;
    loginLimits?: Partial<LoginLimits>;
    scim?: ScimTuning;
    /** Start the job worker with this tuning (fast backoff and polling for tests). */
    worker?: AutomationOptions["worker"];
  } = {},
): Promise<TestApp> {
  const ctx = await createAppContext({
    config: testConfig(),
    database,
    migrate: false,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.scim ? { scim: opts.scim } : {}),
    ...(opts.worker ? { worker: opts.worker, startWorker: true } : {}),
    authOptions: { scrypt: TEST_SCRYPT, ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}) },
  });
  const app = await buildServer(ctx, { webRoot: false, logRequests: opts.logRequests ?? false });
  await app.ready();
  const admin =
    (await ctx.auth.admins.findRowByEmail(ADMIN_EMAIL)) ??
    (await ctx.auth.admins.create({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: "Test Admin" }));
  const { token } = await ctx.auth.tokens.create({ name: "tests", adminId: admin.id });
  return { app, ctx, token, bearer: { authorization: `Bearer ${token}` } };
}

/** Logs in through the API from `ip`; returns the session cookie value. */
export async function loginCookie(app: FastifyInstance, ip = "127.0.0.1"): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: ip,
    payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "smartlink_session");
  if (!cookie) throw new Error("no session cookie");
  return cookie.value;
}

/**
 * Every route of the app as `[method, path]`, parsed from `printRoutes({ commonPrefix: false })`,
 * so routes added later are covered without editing the tests. Params become sample values.
 */
export function listRoutes(app: FastifyInstance): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? "").length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? "") + (m[2] ?? "");
    stack[depth] = path;
    for (const method of (m[3] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      out.push([
        method,
        path.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000").replace(/\*/g, "x"),
      ]);
    }
  }
  return out;
}
