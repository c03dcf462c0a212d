/**
 * Runs a benchmark once on a fresh SQLite file and once in a fresh PostgreSQL schema (skipped with
 * a note on stderr when no server answers), each migrated, and cleans both up.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { connectDatabase, type Database, migrateToLatest } from "../src/db/index.js";
import { ensureSharedExtensions, postgresUnreachableReason, TEST_DATABASE_URL } from "../test/postgres.js";
import type { BenchResult } from "./types.js";

export async function onEachDialect(
  name: string,
  run: (database: Database, label: "sqlite" | "postgres") => Promise<BenchResult[]>,
  opts: { poolSize?: number } = {},
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), "smartlink-bench-"));
  const lite = await connectDatabase({ sqliteFile: join(dir, "bench.db") });
  try {
    await migrateToLatest(lite);
    results.push(...(await run(lite, "sqlite")));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const reason = await postgresUnreachableReason();
  if (reason) {
    process.stderr.write(`  postgres: skipped, no server at ${TEST_DATABASE_URL} (${reason})\n`);
    return results;
  }
  await ensureSharedExtensions();
  const schema = `bench_${name}_${process.pid}`;
  const pg = await connectDatabase({
    databaseUrl: TEST_DATABASE_URL,
    pgSchema: schema,
    poolSize: opts.poolSize ?? 8,
  });
  try {
    await migrateToLatest(pg);
    results.push(...(await run(pg, "postgres")));
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
    await pg.close();
  }
  return results;
}
