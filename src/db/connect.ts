/**
 * The Kysely instance: SQLite (better-sqlite3 v12, WAL) by default, PostgreSQL (`pg`) when a
 * connection string is given.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type DialectInfo, postgresDialect, sqliteDialect } from "./dialect.js";
import type { DB } from "./schema.js";

export interface Database {
  db: Kysely<DB>;
  dialect: DialectInfo;
  /** The PostgreSQL schema this handle is confined to (search_path), when one was asked for. */
  pgSchema?: string;
  /** A short description for logs, without credentials. */
  describe: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL connection string; when unset, SQLite is used. */
  databaseUrl?: string | undefined;
  /** SQLite file path, or `:memory:`; default `<dataDir>/smartlink.db`. */
  sqliteFile?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate suites this way); created if missing. */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

// timestamptz → ISO string, so both dialects hand feature code the same type (see DialectInfo).
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 1184 || oid === 1114) return (v: string) => new Date(v).toISOString();
    // int8 (count(*), bigserial) → number: our counts and ids stay far below 2^53.
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens the database. Migrations are separate: see {@link migrateToLatest}. */
export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const schema = opts.pgSchema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types: pgTypes,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(opts.databaseUrl);
    return {
      db,
      dialect: postgresDialect,
      ...(schema ? { pgSchema: schema } : {}),
      describe: `postgresql://${url.host}${url.pathname}${schema ? ` (schema ${schema})` : ""}`,
      close: () => db.destroy(),
    };
  }
  const file = opts.sqliteFile ?? join(opts.dataDir ?? "./data", "smartlink.db");
  if (file !== ":memory:") mkdirSync(join(file, ".."), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Planner statistics for tables that need them (SQLite ≥ 3.46: cheap, bounded); PostgreSQL's
  // autovacuum does this on its own. Without statistics, access-list plans degrade at 100,000 users.
  sqlite.pragma("optimize = 0x10002");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: sqliteDialect, describe: `sqlite:${file}`, close: () => db.destroy() };
}
