/**
 * Migrations are code (Kysely migrator), listed in order in ./migrations/index.ts. They run at
 * start and by `smartlink migrate`.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./connect.js";
import { migrations } from "./migrations/index.js";

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day
        out[name] = { up: (db: Kysely<any>) => m.up(db, database.dialect) };
      }
      return out;
    },
  };
  // With a schema, Kysely must look for its migration tables in that schema only: unqualified, it
  // finds another schema's `kysely_migration_lock`, skips creating its own, and fails (seen when
  // parallel test suites each use their own schema).
  const migrator = new Migrator({
    db: database.db,
    provider,
    ...(database.pgSchema ? { migrationTableSchema: database.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
