/**
 * Durability of the automatic path (DESIGN.md § Quality bars: "no job is lost or applied twice when
 * the worker is killed mid-run or the target fails 20% of requests; the end state equals the
 * intended state"). Real parts only: real `smartlink worker` processes killed with SIGKILL, a real
 * SQLite file or PostgreSQL schema shared by this process and the workers, and the SCIM target
 * simulator, whose state and request log are the ground truth.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { connectDatabase, type Database, migrateToLatest } from "../src/db/index.js";
import { buildServer } from "../src/http/server.js";
import { PAUSE_AFTER_FAILURES } from "../src/provisioning/automation/automation.js";
import { type StartOptions, startScimTarget } from "../tools/scim-target/index.js";
import { silentLog, TEST_SCRYPT } from "./auth-fixtures.js";
import { ensureSharedExtensions, postgresUnreachableReason, TEST_DATABASE_URL } from "./db-harness.js";
import type { TestApi } from "./helpers/api.js";
import { seedUsers } from "./helpers/directory-seed.js";
import { FAST_SCIM, FAST_WORKER, openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./http-fixtures.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "smartlink.mjs");
/** Shared by this process and the worker children, so both can open the sealed SCIM token. */
const SECRET_KEY = `durability-key-${randomUUID()}`;
/** The children's lease (SMARTLINK_WORKER_LEASE_MS): short, so a killed worker's jobs are taken over in time. */
const LEASE_MS = 3_000;

type DialectName = "sqlite" | "postgres";
const pgUnreachable = await postgresUnreachableReason();
if (pgUnreachable && process.env.SMARTLINK_REQUIRE_POSTGRES === "1")
  throw new Error(`PostgreSQL is required but unreachable at ${TEST_DATABASE_URL}: ${pgUnreachable}`);
if (pgUnreachable)
  console.warn(`\n!!! SKIPPING the PostgreSQL durability tests: ${TEST_DATABASE_URL} (${pgUnreachable}).\n`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// A database this process and `smartlink worker` children share.

interface Store {
  database: Database;
  /** Environment that points a child process (or another context) at the same database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function openStore(dialect: DialectName): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "smartlink-durability-"));
  if (dialect === "sqlite") {
    // `smartlink worker` with SMARTLINK_DATA_DIR=dir opens `<dir>/smartlink.db`: this very file.
    const sqliteFile = join(dir, "smartlink.db");
    const database = await connectDatabase({ sqliteFile });
    await migrateToLatest(database);
    return {
      database,
      env: { SMARTLINK_DATA_DIR: dir },
      async cleanup() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `dur_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await ensureSharedExtensions();
  const database = await connectDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 6 });
  await migrateToLatest(database);
  return {
    database,
    env: { SMARTLINK_DATA_DIR: dir, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    async cleanup() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** What every in-process context of these tests shares: the shared key, quiet logs, fast SCIM retries. */
function contextOptions(store: Store, database: Database) {
  return {
    config: loadConfig({ ...store.env, SMARTLINK_SECRET_KEY: SECRET_KEY, LOG_LEVEL: "silent" }),
    database,
    migrate: false,
    log: silentLog,
    scim: FAST_SCIM,
    authOptions: { scrypt: TEST_SCRYPT },
  };
}

/** The API over the store; a fast worker runs in this process only when asked. */
async function openApi(store: Store, opts: { worker?: boolean }): Promise<TestApi> {
  const ctx = await createAppContext({
    ...contextOptions(store, store.database),
    ...(opts.worker ? { worker: FAST_WORKER, startWorker: true } : {}),
  });
  const app = await buildServer(ctx, { webRoot: false, logRequests: false });
  await app.ready();
  const admin = await ctx.auth.admins.create({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: "Admin" });
  const { token } = await ctx.auth.tokens.create({ name: "durability", adminId: admin.id });
  return {
    app,
    ctx,
    inject: (o) => app.inject({ ...o, headers: { ...(o.headers ?? {}), authorization: `Bearer ${token}` } }),
  };
}

// ---------------------------------------------------------------------------------------------
// `smartlink worker` child processes.

interface WorkerProcess {
  child: ChildProcess;
  /** The worker id it logged (`worker-<pid>-<hex>`): the `locked_by` of the jobs it holds. */
  id: string;
  output: string[];
  exited: Promise<void>;
}

/** Spawns `node bin/smartlink.mjs worker` over the store and waits for its "running" log line. */
async function spawnWorker(store: Store, children: WorkerProcess[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, "worker"], {
    cwd: ROOT,
    // A clean environment: nothing of this process's DATABASE_URL or NODE_OPTIONS leaks in.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      TMPDIR: tmpdir(),
      ...store.env,
      SMARTLINK_SECRET_KEY: SECRET_KEY,
      LOG_LEVEL: "info",
      SMARTLINK_WORKER_POLL_MS: "20",
      SMARTLINK_WORKER_LEASE_MS: String(LEASE_MS),
      SMARTLINK_RETRY_BASE_MS: "20",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: WorkerProcess = { child, id: "", output, exited };
  children.push(proc);
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const m = /SmartLink worker (worker-\d+-[0-9a-f]+) running/.exec(output.join(""));
    if (m) {
      proc.id = m[1]!;
      return proc;
    }
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`worker exited before starting:\n${output.join("")}`);
    if (Date.now() > deadline) throw new Error(`worker did not start in 20 s:\n${output.join("")}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// One test's world: a store, the API, the simulator with a connected application, and whatever
// runs beside them. Everything is torn down on every path.

interface World {
  store: Store;
  rig: ProvisioningRig;
  /** Worker processes started with {@link World.spawnWorker}; SIGKILLed at the end if still alive. */
  children: WorkerProcess[];
  spawnWorker(): Promise<WorkerProcess>;
}

async function withWorld(
  dialect: DialectName,
  opts: { worker: boolean; target?: StartOptions },
  body: (w: World) => Promise<void>,
): Promise<void> {
  const store = await openStore(dialect);
  const children: WorkerProcess[] = [];
  let api: TestApi | undefined;
  let rig: ProvisioningRig | undefined;
  try {
    api = await openApi(store, { worker: opts.worker });
    rig = await openProvisioningRig(store.database, { api, ...(opts.target ? { target: opts.target } : {}) });
    await body({ store, rig, children, spawnWorker: () => spawnWorker(store, children) });
  } finally {
    for (const c of children) {
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
      await c.exited;
    }
    if (rig) await rig.close(); // the simulator (the API is ours: closed below)
    if (api) {
      await api.ctx.automation.stopWorker();
      await api.ctx.jobs.close();
      await api.ctx.provisioning.close();
      await api.app.close();
    }
    await store.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// Steps and observations.

/** Automatic on userGainsAccess; no scheduled reconciliation (it would re-queue lost work and hide a loss). */
async function automaticProvisioning(rig: ProvisioningRig, maxConcurrency?: number): Promise<void> {
  const res = await rig.put("/settings", {
    userGainsAccess: "automatic",
    reconcileMinutes: null,
    ...(maxConcurrency ? { maxConcurrency } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
}

interface Users {
  userIds: string[];
  emails: string[];
}

/**
 * `count` users gain access at once: seeded as members of a new folder, then the application is put
 * in that folder through the API — one transaction, `count` events, `count` jobs.
 */
async function usersGainAccess(rig: ProvisioningRig, database: Database, count: number): Promise<Users> {
  const folder = await rig.api.inject({
    method: "POST",
    url: "/api/folders",
    payload: { name: `Folder ${randomUUID().slice(0, 8)}` },
  });
  expect(folder.statusCode, folder.body).toBe(201);
  const folderId = folder.json().id as string;
  const prefix = `d${randomUUID().slice(0, 6)}`;
  const userIds = await seedUsers(database, count, { prefix, folderId });
  const put = await rig.api.inject({
    method: "PUT",
    url: `/api/folders/${folderId}/applications/${rig.appId}`,
  });
  expect(put.statusCode, put.body).toBe(200);
  const emails = userIds.map((_, i) => `${prefix}-${String(i).padStart(6, "0")}@example.test`);
  return { userIds, emails };
}

async function jobStates(database: Database, appId: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom("jobs")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("application_id", "=", appId)
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: () => Promise<string>) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await what()}`);
    await sleep(20);
  }
}

/** Waits until the application has no queued or running job; returns the final job states. */
async function waitForDrain(w: World, timeoutMs: number): Promise<Record<string, number>> {
  const { database } = w.store;
  await waitFor(
    async () => {
      const s = await jobStates(database, w.rig.appId);
      return !s.queued && !s.running;
    },
    timeoutMs,
    async () =>
      `the jobs to drain: ${JSON.stringify(await jobStates(database, w.rig.appId))}; settings ${
        (await w.rig.get("/settings")).body
      }\n${w.children.map((c) => c.output.join("").slice(-2_000)).join("\n")}`,
  );
  return jobStates(database, w.rig.appId);
}

async function openTickets(database: Database, appId: string) {
  return database.db
    .selectFrom("tickets")
    .select(["id", "event", "user_id"])
    .where("application_id", "=", appId)
    .where("status", "=", "open")
    .orderBy("id")
    .execute();
}

async function jobAttempts(database: Database, appId: string) {
  const rows = await database.db
    .selectFrom("jobs")
    .select(["id", "attempts"])
    .where("application_id", "=", appId)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), Number(r.attempts)]));
}

function occurrences(names: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
  return m;
}

const isCreate = (r: { method: string; path: string }) => r.method === "POST" && /\/Users$/.test(r.path);
/** The connection test creates (and deletes) a probe user; it is not one of ours. */
const isProbe = (r: { body: unknown }) =>
  String((r.body as { userName?: unknown } | undefined)?.userName).endsWith("@probe.invalid");

/**
 * The end state equals the intended state for `users`: exactly one account per userName in the
 * target and nothing else, one link per user to one of those accounts, and exactly one create the
 * target accepted (201) per account — so no create was applied twice (409s are answered by linking).
 */
async function expectOneAccountAndLinkEach(rig: ProvisioningRig, database: Database, users: Users) {
  const accounts = rig.target.users();
  const names = occurrences(accounts.map((u) => u.userName.toLowerCase()));
  expect([...names].filter(([, n]) => n > 1)).toEqual([]);
  expect(new Set(names.keys())).toEqual(new Set(users.emails));
  const links = await database.db
    .selectFrom("account_links")
    .select(["user_id", "account_id"])
    .where("application_id", "=", rig.appId)
    .execute();
  expect(links).toHaveLength(users.userIds.length);
  expect(new Set(links.map((l) => l.user_id))).toEqual(new Set(users.userIds));
  expect(new Set(links.map((l) => l.account_id))).toEqual(new Set(accounts.map((a) => a.id)));
  const created = occurrences(
    rig.target.requests
      .filter((r) => isCreate(r) && r.status === 201 && !isProbe(r))
      .map((r) => String((r.body as { userName?: unknown } | undefined)?.userName).toLowerCase()),
  );
  expect([...created].filter(([, n]) => n !== 1)).toEqual([]);
  expect(new Set(created.keys())).toEqual(new Set(users.emails));
}

// ---------------------------------------------------------------------------------------------

for (const dialect of ["sqlite", "postgres"] as const) {
  describe.skipIf(dialect === "postgres" && pgUnreachable)(`automation durability [${dialect}]`, () => {
    it("provisions every user exactly once when the worker process is killed mid-run and another takes over", async () => {
      await withWorld(dialect, { worker: false, target: { latencyMs: 10 } }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig);
        const users = await usersGainAccess(rig, store.database, 300);
        expect(await jobStates(store.database, rig.appId)).toEqual({ queued: 300 });
        rig.target.clearRequests();

        const first = await w.spawnWorker();
        const deadline = Date.now() + 30_000;
        while (rig.target.users().length < 100) {
          if (Date.now() > deadline) throw new Error(`no progress:\n${first.output.join("")}`);
          await sleep(2);
        }
        first.child.kill("SIGKILL");
        await first.exited;
        const atKill = rig.target.users().length;
        // What the dead worker held: nobody may run these before its lease expires.
        const abandoned = await store.database.db
          .selectFrom("jobs")
          .select("id")
          .where("application_id", "=", rig.appId)
          .where("state", "=", "running")
          .where("locked_by", "=", first.id)
          .execute();
        expect(atKill).toBeGreaterThanOrEqual(100);
        expect(atKill).toBeLessThan(300);
        expect(abandoned.length).toBeGreaterThan(0);

        await w.spawnWorker();
        expect(await waitForDrain(w, 40_000)).toEqual({ succeeded: 300 });
        await expectOneAccountAndLinkEach(rig, store.database, users);
        // The abandoned jobs ran exactly once more (claimed, lost, reclaimed after the lease); no other job repeated.
        const again = new Set(abandoned.map((j) => Number(j.id)));
        const attempts = await jobAttempts(store.database, rig.appId);
        expect([...attempts].filter(([id, n]) => n !== (again.has(id) ? 2 : 1))).toEqual([]);
        const conflicts = rig.target.requests.filter((r) => isCreate(r) && r.status === 409).length;
        console.info(
          `[${dialect}] killed at ${atKill}/300 accounts with ${abandoned.length} jobs held; ${conflicts} create(s) got 409 and were linked`,
        );
      });
    }, 60_000);

    // Several processes on one database is the PostgreSQL deployment (SKIP LOCKED claims).
    if (dialect === "postgres")
      it("lets two worker processes drain one queue without running any job twice", async () => {
        await withWorld(dialect, { worker: false, target: { latencyMs: 5 } }, async (w) => {
          const { rig, store } = w;
          // The per-application cap counts jobs across processes: room for both workers.
          await automaticProvisioning(rig, 16);
          const [a, b] = await Promise.all([w.spawnWorker(), w.spawnWorker()]);
          rig.target.clearRequests();
          const users = await usersGainAccess(rig, store.database, 500);

          // locked_by is cleared when a job completes: watch the leases while the queue drains.
          const holders = new Set<string>();
          let draining = true;
          const watch = (async () => {
            while (draining) {
              const rows = await store.database.db
                .selectFrom("jobs")
                .select("locked_by")
                .distinct()
                .where("application_id", "=", rig.appId)
                .where("state", "=", "running")
                .execute();
              for (const r of rows) if (r.locked_by) holders.add(r.locked_by);
              await sleep(5);
            }
          })();
          try {
            expect(await waitForDrain(w, 45_000)).toEqual({ succeeded: 500 });
          } finally {
            draining = false;
            await watch;
          }
          expect([...holders].sort()).toEqual([a.id, b.id].sort());
          const attempts = await jobAttempts(store.database, rig.appId);
          expect([...attempts].filter(([, n]) => n !== 1)).toEqual([]);
          const creates = rig.target.requests.filter(isCreate);
          expect(creates).toHaveLength(500);
          expect(creates.filter((r) => r.status !== 201)).toEqual([]);
          await expectOneAccountAndLinkEach(rig, store.database, users);
        });
      }, 60_000);

    it("never runs more jobs of one application at once than its maxConcurrency, with two worker processes claiming", async () => {
      await withWorld(dialect, { worker: false, target: { latencyMs: 30 } }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig, 4);
        await Promise.all([w.spawnWorker(), w.spawnWorker()]);
        let most = 0;
        let draining = true;
        const watch = (async () => {
          while (draining) {
            most = Math.max(most, (await jobStates(store.database, rig.appId)).running ?? 0);
            await sleep(2);
          }
        })();
        try {
          const users = await usersGainAccess(rig, store.database, 120);
          expect(await waitForDrain(w, 30_000)).toEqual({ succeeded: 120 });
          await expectOneAccountAndLinkEach(rig, store.database, users);
        } finally {
          draining = false;
          await watch;
        }
        expect(most).toBeGreaterThan(0);
        expect(most).toBeLessThanOrEqual(4);
      });
    }, 60_000);

    it("converges to one account per user, or a jobFailed ticket for exactly the users left without one, when the target fails 20% of requests", async () => {
      await withWorld(dialect, { worker: true }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig);
        rig.target.setFaults({ errorRate: 0.1, rate429: 0.1, retryAfterSeconds: 0, seed: 2026 });
        rig.target.clearRequests();
        const users = await usersGainAccess(rig, store.database, 200);
        const states = await waitForDrain(w, 45_000);
        expect(
          rig.target.requests.filter((r) => r.status === 500 || r.status === 429).length,
        ).toBeGreaterThan(0);

        const failed = await store.database.db
          .selectFrom("jobs")
          .select("payload")
          .where("application_id", "=", rig.appId)
          .where("state", "=", "failed")
          .execute();
        const failedUsers = new Set(failed.map((j) => (JSON.parse(j.payload) as { userId: string }).userId));
        const tickets = await openTickets(store.database, rig.appId);
        expect(tickets.filter((t) => t.event !== "jobFailed")).toEqual([]);
        expect(tickets).toHaveLength(failedUsers.size);
        expect(new Set(tickets.map((t) => t.user_id))).toEqual(failedUsers);

        const provisioned: Users = { userIds: [], emails: [] };
        users.userIds.forEach((id, i) => {
          if (failedUsers.has(id)) return;
          provisioned.userIds.push(id);
          provisioned.emails.push(users.emails[i]!);
        });
        expect(states).toEqual({
          succeeded: provisioned.userIds.length,
          ...(failedUsers.size ? { failed: failedUsers.size } : {}),
        });
        await expectOneAccountAndLinkEach(rig, store.database, provisioned);
        expect((await rig.get("/settings")).json().paused).toBeNull();
        console.info(
          `[${dialect}] 20% faults: ${provisioned.userIds.length} provisioned, ${failedUsers.size} ticketed`,
        );
      });
    }, 60_000);

    it("pauses a target that refuses the token, keeps its jobs queued under one targetPaused ticket, and runs them once the token is fixed and the ticket resolved", async () => {
      await withWorld(dialect, { worker: true }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig);
        // The target's token is rotated: the same URL now wants another token.
        const port = Number(new URL(rig.target.url).port);
        await rig.target.close();
        const rotated = `rotated-${randomUUID()}`;
        rig.target = await startScimTarget({ port, token: rotated });
        const users = await usersGainAccess(rig, store.database, 10);

        await waitFor(
          async () =>
            (await rig.get("/settings")).json().paused !== null &&
            !(await jobStates(store.database, rig.appId)).running,
          15_000,
          async () => `the pause: ${(await rig.get("/settings")).body}`,
        );
        expect((await rig.get("/settings")).json().paused.reason).toMatch(/credentials/);
        const sent = rig.target.requests.length;
        await sleep(300); // many poll rounds of the worker: nothing more goes to a paused target
        expect(rig.target.requests.length).toBe(sent);
        expect(rig.target.requests.filter((r) => r.status !== 401)).toEqual([]);
        // Not the jobs' fault: they wait, and the attempt each spent is given back.
        const attempts = await jobAttempts(store.database, rig.appId);
        expect(await jobStates(store.database, rig.appId)).toEqual({ queued: 10 });
        expect([...attempts.values()]).toEqual(Array(10).fill(0));
        const open = await openTickets(store.database, rig.appId);
        expect(open.map((t) => t.event)).toEqual(["targetPaused"]);
        expect(rig.target.users()).toEqual([]);

        const fixed = await rig.put("/connection", { baseUrl: rig.target.url, token: rotated });
        expect(fixed.statusCode, fixed.body).toBe(200);
        const resolved = await rig.api.inject({ method: "POST", url: `/api/tickets/${open[0]!.id}/resolve` });
        expect(resolved.statusCode, resolved.body).toBe(200);
        expect(resolved.json()).toMatchObject({ outcome: { status: "done" } });

        expect(await waitForDrain(w, 20_000)).toEqual({ succeeded: 10 });
        await expectOneAccountAndLinkEach(rig, store.database, users);
        expect((await rig.get("/settings")).json().paused).toBeNull();
        expect(await openTickets(store.database, rig.appId)).toEqual([]);
      });
    }, 60_000);

    it(`pauses a target after ${PAUSE_AFTER_FAILURES} consecutive failed jobs without failing the waiting ones, and runs them on resume`, async () => {
      await withWorld(dialect, { worker: true }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig);
        rig.target.setFaults({ errorRate: 1 });
        const users = await usersGainAccess(rig, store.database, 20);

        await waitFor(
          async () =>
            (await rig.get("/settings")).json().paused !== null &&
            !(await jobStates(store.database, rig.appId)).running,
          20_000,
          async () => `the pause: ${(await rig.get("/settings")).body}`,
        );
        expect((await rig.get("/settings")).json().paused.reason).toContain(
          `last ${PAUSE_AFTER_FAILURES} jobs`,
        );
        expect(await jobStates(store.database, rig.appId)).toEqual({ queued: 20 });
        expect((await openTickets(store.database, rig.appId)).map((t) => t.event)).toEqual(["targetPaused"]);
        expect(rig.target.users()).toEqual([]);

        rig.target.setFaults({ errorRate: 0 });
        const resumed = await rig.post("/resume");
        expect(resumed.statusCode, resumed.body).toBe(200);
        expect(resumed.json()).toEqual({ requeued: 20 });

        expect(await waitForDrain(w, 20_000)).toEqual({ succeeded: 20 });
        await expectOneAccountAndLinkEach(rig, store.database, users);
        expect((await rig.get("/settings")).json().paused).toBeNull();
        expect(await openTickets(store.database, rig.appId)).toEqual([]);
      });
    }, 60_000);

    it("counts failures as consecutive only until a success, even when another worker process counted them", async () => {
      await withWorld(dialect, { worker: true }, async (w) => {
        const { rig, store } = w;
        await automaticProvisioning(rig);
        // A worker process that saw PAUSE_AFTER_FAILURES - 1 failures in a row, then exited (a deploy).
        await store.database.db
          .updateTable("provisioning_settings")
          .set({ consecutive_failures: PAUSE_AFTER_FAILURES - 1 })
          .where("application_id", "=", rig.appId)
          .execute();
        const healthy = await usersGainAccess(rig, store.database, 5);
        expect(await waitForDrain(w, 15_000)).toEqual({ succeeded: 5 });
        const after = await store.database.db
          .selectFrom("provisioning_settings")
          .select("consecutive_failures")
          .where("application_id", "=", rig.appId)
          .executeTakeFirstOrThrow();
        expect(Number(after.consecutive_failures)).toBe(0);

        // One failed attempt after five successes is not a twentieth failure in a row.
        rig.target.failNext(FAST_SCIM.retry!.maxAttempts!, "500", { method: "POST", pathPrefix: "/Users" });
        const next = await usersGainAccess(rig, store.database, 1);
        expect(await waitForDrain(w, 15_000)).toEqual({ succeeded: 6 });
        expect((await rig.get("/settings")).json().paused).toBeNull();
        await expectOneAccountAndLinkEach(rig, store.database, {
          userIds: [...healthy.userIds, ...next.userIds],
          emails: [...healthy.emails, ...next.emails],
        });
      });
    }, 60_000);
  });
}
