/**
 * Provisioning benchmarks, on SQLite (temp file) and PostgreSQL (skipped with a note when
 * unreachable), against the simulator in a child process seeded with 100,000 accounts:
 * - snapshot refresh of 100,000 accounts: wall time, and this process's peak RSS while it runs
 *   (DESIGN.md: under 20 s and 350 MB);
 * - the Accounts tab and the Access tab at 100,000 users: p99 / p50 of one page through the whole
 *   HTTP stack (app.inject: auth, zod, serialization), pages spread over the list and a search
 *   (DESIGN.md: p99 under 50 ms), the Access tab's "next page" by keyset cursor, and what opening
 *   the Settings sub-tab costs (its `pending` counts).
 * BENCH_SNAPSHOT_ACCOUNTS overrides the count.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { pino } from "pino";
import { createAppContext } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Database } from "../src/db/index.js";
import { buildServer } from "../src/http/server.js";
import { seedUsers } from "../test/helpers/directory-seed.js";
import { onEachDialect } from "./dialects.js";
import { startSim, stopSim } from "./simulator.js";
import { quantile } from "./stats.js";
import type { BenchResult } from "./types.js";

const ACCOUNTS = Number(process.env.BENCH_SNAPSHOT_ACCOUNTS ?? 100_000);
const TOKEN = "bench-token";
const ADMIN = { type: "admin" as const, id: null, label: "bench" };
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function run(database: Database, label: string): Promise<BenchResult[]> {
  const sim = await startSim(TOKEN, ["--seed-users", String(ACCOUNTS)]);
  const dataDir = mkdtempSync(join(tmpdir(), "smartlink-bench-data-"));
  const ctx = await createAppContext({
    config: loadConfig({ SMARTLINK_DATA_DIR: dataDir }),
    database,
    migrate: false,
    log: pino({ level: "silent" }),
  });
  try {
    const app = await ctx.directory.applications.create({ name: "Bench target" });
    await ctx.provisioning.connection.connect(app.id, { baseUrl: sim.url, token: TOKEN }, ADMIN);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const t0 = performance.now();
    const { job } = await ctx.provisioning.snapshots.refreshAccounts(app.id, ADMIN);
    const done = await ctx.jobs.settled(job.id);
    const refreshMs = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (done.state !== "succeeded" || done.done !== ACCOUNTS) {
      throw new Error(`refresh ended ${done.state} with ${done.done} accounts: ${done.error}`);
    }
    process.stderr.write(
      `  ${label}: refreshed ${ACCOUNTS} accounts in ${Math.round(refreshMs)} ms, RSS ${mb(rssBefore)} → peak ${mb(peak)} MB\n`,
    );

    // SmartLink users matching every account (the simulator seeds user<i>@example.com), all with
    // access through one folder; half of them linked, the other half left to match by email.
    const folder = await ctx.directory.folders.create({ name: "Everyone" });
    await seedUsers(database, ACCOUNTS, { folderId: folder.id, email: (i) => `user${i}@example.com` });
    await ctx.directory.folders.addApplication(folder.id, app.id);
    await sql`insert into account_links (application_id, user_id, account_id, created_at, updated_at)
      select a.application_id, u.id, a.id, a.seen_at, a.seen_at
      from scim_accounts a join users u on u.email_normalized = a.user_name_lower
      where a.application_id = ${app.id}
        and (u.first_name like ${"%0"} or u.first_name like ${"%2"} or u.first_name like ${"%4"}
          or u.first_name like ${"%6"} or u.first_name like ${"%8"})`.execute(database.db);
    // What autovacuum does after a bulk load on PostgreSQL; on SQLite, what `PRAGMA optimize` does.
    await sql`${sql.raw(database.dialect.name === "postgres" ? "vacuum analyze" : "analyze")}`.execute(
      database.db,
    );

    const server = await buildServer(ctx, { webRoot: false, logRequests: false });
    await server.ready();
    const { token } = await ctx.auth.tokens.create({ name: "bench" });
    const headers = { authorization: `Bearer ${token}` };
    const base = `/api/applications/${app.id}/provisioning`;
    const time = async (url: string) => {
      const t = performance.now();
      const res = await server.inject({ method: "GET", url, headers });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return ms;
    };
    const pageSize = 50;
    const lastPage = Math.floor(ACCOUNTS / pageSize);
    const spread = (i: number) => 1 + Math.floor((i * (lastPage - 1)) / 199);
    const measure = async (path: string, search: string) => {
      const plain: number[] = [];
      for (let i = 0; i < 200; i++)
        plain.push(await time(`${base}${path}?page=${spread(i)}&pageSize=${pageSize}`));
      const searched: number[] = [];
      for (let page = 1; page <= 20; page++)
        searched.push(await time(`${base}${path}?search=${search}&page=${page}&pageSize=${pageSize}`));
      return { plain, searched };
    };
    const accounts = await measure("/accounts", "user12");
    const access = await measure("/access", "user12");
    // "Next page" as the console does it: the keyset cursor of the previous page, from the middle on.
    const cursorTimes: number[] = [];
    const mid = await server.inject({
      method: "GET",
      url: `${base}/access?page=${lastPage / 2}&pageSize=${pageSize}`,
      headers,
    });
    let cursor = (mid.json() as { nextCursor: string | null }).nextCursor;
    for (let i = 0; i < 200 && cursor; i++) {
      const t = performance.now();
      const res = await server.inject({
        method: "GET",
        url: `${base}/access?after=${cursor}&pageSize=${pageSize}`,
        headers,
      });
      cursorTimes.push(performance.now() - t);
      cursor = (res.json() as { nextCursor: string | null }).nextCursor;
    }
    // What opening the Settings sub-tab costs: GET settings computes `pending` from the whole drift
    // (here 100,000 users with access, half of them linked).
    // The console asks only for the events set to automatic (none here, the default).
    const settingsTimes: number[] = [];
    const consoleTimes: number[] = [];
    for (let i = 0; i < 5; i++) settingsTimes.push(await time(`${base}/settings`));
    for (let i = 0; i < 5; i++) consoleTimes.push(await time(`${base}/settings?pending=automatic`));
    await server.close();

    const name = (s: string) => `provisioning ${label}: ${s}`;
    return [
      {
        name: name(`snapshot refresh of ${ACCOUNTS.toLocaleString("en")} accounts`),
        value: refreshMs,
        unit: "ms",
      },
      { name: name("snapshot refresh peak RSS"), value: mb(peak), unit: "MB" },
      { name: name("snapshot refresh RSS growth"), value: mb(peak - rssBefore), unit: "MB" },
      {
        name: name("Accounts page p99 at 100,000 (200 pages)"),
        value: quantile(accounts.plain, 0.99),
        unit: "ms",
      },
      {
        name: name("Accounts page p50 at 100,000 (200 pages)"),
        value: quantile(accounts.plain, 0.5),
        unit: "ms",
      },
      {
        name: name("Accounts search page p99 (20 pages)"),
        value: quantile(accounts.searched, 0.99),
        unit: "ms",
      },
      {
        name: name("Access page p99 at 100,000 (200 pages)"),
        value: quantile(access.plain, 0.99),
        unit: "ms",
      },
      {
        name: name("Access page p50 at 100,000 (200 pages)"),
        value: quantile(access.plain, 0.5),
        unit: "ms",
      },
      { name: name("Access search page p99 (20 pages)"), value: quantile(access.searched, 0.99), unit: "ms" },
      {
        name: name("Access next page by cursor p99 (200 pages from the middle)"),
        value: quantile(cursorTimes, 0.99),
        unit: "ms",
      },
      {
        name: name("Settings (with pending) at 100,000 users, 50,000 linked: median of 5"),
        value: quantile(settingsTimes, 0.5),
        unit: "ms",
      },
      {
        name: name("Settings as the console reads it (?pending=automatic, all manual): median of 5"),
        value: quantile(consoleTimes, 0.5),
        unit: "ms",
      },
    ];
  } finally {
    await ctx.jobs.close();
    await ctx.provisioning.close();
    await stopSim(sim);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default function provisioningBench(): Promise<BenchResult[]> {
  return onEachDialect("prov", run, { poolSize: 8 });
}
