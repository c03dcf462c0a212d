/**
 * One storage suite, run per dialect (CONVENTIONS.md §13). `describeEachDialect` runs the same
 * `describe` block on a fresh SQLite file and on PostgreSQL (a fresh schema per suite, dropped
 * afterwards). PostgreSQL comes from TEST_DATABASE_URL, defaulting to the local server; when it is
 * unreachable the PostgreSQL half is skipped LOUDLY — unless SMARTLINK_REQUIRE_POSTGRES=1 (set by
 * .ci/run), in which case the suite fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { connectDatabase, type Database, migrateToLatest } from "../src/db/index.js";
import { ensureSharedExtensions, postgresUnreachableReason, TEST_DATABASE_URL } from "./postgres.js";

export { ensureSharedExtensions, postgresUnreachableReason, TEST_DATABASE_URL };

const requirePostgres = process.env.SMARTLINK_REQUIRE_POSTGRES === "1";

export type DialectName = "sqlite" | "postgres";

/** Opens a fresh, migrated database of the given dialect; `cleanup` closes and deletes it. */
export async function openTestDatabase(
  dialect: DialectName,
): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "smartlink-test-"));
    const database = await connectDatabase({ sqliteFile: join(dir, "test.db") });
    await migrateToLatest(database);
    return {
      database,
      async cleanup() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await ensureSharedExtensions();
  const database = await connectDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 4 });
  await migrateToLatest(database);
  return {
    database,
    async cleanup() {
      await database.close();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * Runs `body` once per dialect inside `describe("<name> [sqlite]")` / `[postgres]`. `get()` returns
 * the suite's database (fresh per suite, shared by its tests: tests create their own rows).
 */
export function describeEachDialect(
  name: string,
  body: (get: () => Database, dialect: DialectName) => void,
): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    describe(`${name} [${dialect}]`, async () => {
      if (dialect === "postgres") {
        const reason = await postgresUnreachableReason();
        if (reason) {
          if (requirePostgres)
            throw new Error(
              `PostgreSQL is required (SMARTLINK_REQUIRE_POSTGRES=1) but unreachable at ${TEST_DATABASE_URL}: ${reason}`,
            );
          console.warn(
            `\n!!! SKIPPING the PostgreSQL half of "${name}": no server at ${TEST_DATABASE_URL} (${reason}).\n!!! Set TEST_DATABASE_URL or start PostgreSQL to run it.\n`,
          );
          // Registered but skipped, so the run's totals count every PostgreSQL test it did not run.
          describe.skip("PostgreSQL unreachable", () =>
            body(() => {
              throw new Error("PostgreSQL unreachable");
            }, dialect));
          return;
        }
      }
      let handle: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(dialect);
      });
      afterAll(async () => {
        await handle?.cleanup();
      });
      body(() => {
        if (!handle) throw new Error("database not open yet: call get() inside a test or hook");
        return handle.database;
      }, dialect);
    });
  }
}
