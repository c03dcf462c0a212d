/**
 * PostgreSQL only: a trigram GIN index on users.search_text, so the directory's substring search
 * (`like '%…%'`) seeks instead of scanning every user (≈40 ms at 100,000 users without it,
 * a few ms with it). SQLite keeps the covering-index scan of 0001, which stays under the bar there.
 *
 * pg_trgm ships with PostgreSQL and is a trusted extension (13+): a database owner may create it.
 * Where it is neither installed nor creatable, search still works, unindexed; the migration says so
 * and goes on. The extension is used from whatever schema it lives in.
 */
import { sql } from "kysely";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  async up(db, dialect) {
    if (dialect.name !== "postgres") return;
    let schema = await trigramSchema(db);
    if (!schema) {
      // A savepoint: the migration runs in a transaction, and a refused CREATE would abort it.
      await sql`savepoint pg_trgm_create`.execute(db);
      try {
        await sql`create extension if not exists pg_trgm`.execute(db);
        await sql`release savepoint pg_trgm_create`.execute(db);
        schema = await trigramSchema(db);
      } catch (err) {
        await sql`rollback to savepoint pg_trgm_create`.execute(db);
        console.warn(
          `pg_trgm is not available (${err instanceof Error ? err.message : String(err)}); user search stays unindexed.`,
        );
        return;
      }
    }
    if (!schema) return;
    await sql`create index users_search_trgm_idx on users using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`.execute(
      db,
    );
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their day
async function trigramSchema(db: import("kysely").Kysely<any>): Promise<string | undefined> {
  const r = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return r.rows[0]?.schema;
}

export default migration;
