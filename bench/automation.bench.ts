/**
 * Automation benchmarks, on SQLite and PostgreSQL, against the simulator in a child process:
 * - 10,000 users gain access at once (one folder gets the application: 10,000 events → 10,000 jobs
 *   in one transaction), automatic mode, one in-process worker: wall time until every account
 *   exists, and the ratio to the simulator's raw capacity — a plain HTTP loop creating 10,000 users
 *   at the same concurrency, measured in the same run (DESIGN.md: at least 0.9);
 * - latency from an access change (one direct assignment) to the account existing in the target:
 *   p50 / p99 over 200 changes, one at a time, idle target (DESIGN.md: p99 under 250 ms).
 * BENCH_AUTOMATION_USERS overrides 10,000.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { pino } from "pino";
import { Agent, request } from "undici";
import { type AppContext, createAppContext } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Database } from "../src/db/index.js";
import { seedUsers } from "../test/helpers/directory-seed.js";
import { onEachDialect } from "./dialects.js";
import { startSim, stopSim } from "./simulator.js";
import { quantile } from "./stats.js";
import type { BenchResult } from "./types.js";

const USERS = Number(process.env.BENCH_AUTOMATION_USERS ?? 10_000);
const CONCURRENCY = 16;
const TOKEN = "bench-token";
const ADMIN = { type: "admin" as const, id: null, label: "bench" };

/** The simulator's raw capacity: creates at `CONCURRENCY` with a bare keep-alive loop. */
async function rawCapacityMs(): Promise<number> {
  const sim = await startSim(TOKEN);
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json" };
  try {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < USERS; i = next++) {
          const res = await request(`${sim.url}/Users`, {
            method: "POST",
            headers,
            dispatcher: agent,
            body: JSON.stringify({
              schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
              userName: `raw-${i}@bench.test`,
              name: { givenName: "Raw", familyName: `User ${i}` },
              displayName: `Raw User ${i}`,
              emails: [{ value: `raw-${i}@bench.test`, type: "work", primary: true }],
              active: true,
              externalId: `ext-${i}`,
            }),
          });
          await res.body.text();
          if (res.statusCode !== 201) throw new Error(`raw create: ${res.statusCode}`);
        }
      }),
    );
    return performance.now() - t0;
  } finally {
    await agent.close();
    await stopSim(sim);
  }
}

async function waitJobs(database: Database, since: number, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", ">", since)
      .where("state", "in", ["succeeded", "failed"])
      .where("kind", "=", "account.provision")
      .executeTakeFirstOrThrow();
    if (Number(r.n) >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${r.n} of ${count} jobs done in ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 2));
  }
}

async function run(database: Database, label: string): Promise<BenchResult[]> {
  const rawMs = await rawCapacityMs();
  const sim = await startSim(TOKEN);
  const dataDir = mkdtempSync(join(tmpdir(), "smartlink-bench-data-"));
  let ctx: AppContext | undefined;
  try {
    ctx = await createAppContext({
      config: loadConfig({ SMARTLINK_DATA_DIR: dataDir }),
      database,
      migrate: false,
      log: pino({ level: "silent" }),
      scim: { maxConcurrency: CONCURRENCY },
      worker: { concurrency: CONCURRENCY, pollMs: 5 },
      startWorker: true,
    });
    const app = await ctx.directory.applications.create({ name: "Bench target" });
    await ctx.provisioning.connection.connect(app.id, { baseUrl: sim.url, token: TOKEN }, ADMIN);
    // The connection created the settings row (all manual): gains become automatic.
    await database.db
      .updateTable("provisioning_settings")
      .set({ user_gains_access: "automatic", reconcile_minutes: null, max_concurrency: CONCURRENCY })
      .where("application_id", "=", app.id)
      .execute();
    const folder = await ctx.directory.folders.create({ name: "Everyone" });
    await seedUsers(database, USERS, { folderId: folder.id, prefix: "gain" });
    await sql`analyze`.execute(database.db);
    const before = await lastJobId(database);

    const t0 = performance.now();
    await ctx.directory.folders.addApplication(folder.id, app.id);
    const enqueuedMs = performance.now() - t0;
    await waitJobs(database, before, USERS, 600_000);
    const bulkMs = performance.now() - t0;
    const failed = await database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("state", "=", "failed")
      .executeTakeFirstOrThrow();
    process.stderr.write(
      `  ${label}: ${USERS} accounts in ${Math.round(bulkMs)} ms (events+jobs committed in ${Math.round(enqueuedMs)} ms, ${failed.n} failed); raw loop ${Math.round(rawMs)} ms\n`,
    );

    // Latency: one access change at a time on an idle target.
    const singles = await seedUsers(database, 200, { prefix: "single" });
    const latencies: number[] = [];
    for (const userId of singles) {
      const from = await lastJobId(database);
      const t = performance.now();
      await ctx.directory.applications.assignUser(app.id, userId);
      await waitJobs(database, from, 1, 10_000);
      latencies.push(performance.now() - t);
    }
    const name = (s: string) => `automation ${label}: ${s}`;
    return [
      {
        name: name(`raw simulator loop, ${USERS} creates at c=${CONCURRENCY}`),
        value: USERS / (rawMs / 1000),
        unit: "users/s",
      },
      {
        name: name(`${USERS} users gain access at once (automatic)`),
        value: USERS / (bulkMs / 1000),
        unit: "users/s",
        ratio: rawMs / bulkMs,
      },
      { name: name(`${USERS} users gain access: wall time`), value: bulkMs, unit: "ms" },
      { name: name("access change → account in target p50"), value: quantile(latencies, 0.5), unit: "ms" },
      { name: name("access change → account in target p99"), value: quantile(latencies, 0.99), unit: "ms" },
    ];
  } finally {
    await ctx?.automation.stopWorker();
    await ctx?.jobs.close();
    await ctx?.provisioning.close();
    await stopSim(sim);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function lastJobId(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom("jobs")
    .select((eb) => eb.fn.max("id").as("m"))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export default function automationBench(): Promise<BenchResult[]> {
  return onEachDialect("auto", run, { poolSize: 20 });
}
