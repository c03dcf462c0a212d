/**
 * What differs between SQLite and PostgreSQL, as flags. Feature code asks these, never
 * `if (sqlite)` (CONVENTIONS.md §4).
 */
import type { ColumnDataType, CreateTableBuilder } from "kysely";

export interface DialectInfo {
  name: "sqlite" | "postgres";
  /** `FOR UPDATE SKIP LOCKED` for job claiming by several workers. */
  supportsSkipLocked: boolean;
  /**
   * `SELECT … FOR UPDATE` row locks. Without them (SQLite) every write transaction is already
   * exclusive, so the serialization they buy is implicit.
   */
  supportsRowLocks: boolean;
  /** Bind parameters one statement may carry; bulk inserts are chunked below it. */
  maxBindParameters: number;
  /**
   * Column type for instants. Values are always ISO-8601 strings in and out (the pg type parser in
   * src/db/connect.ts turns timestamptz back into ISO strings), so feature code never sees a Date.
   */
  timestampType: ColumnDataType;
  /** Auto-increment integer primary key column type (events, jobs: ordered outbox rows). */
  serialType: ColumnDataType;
}

export const sqliteDialect: DialectInfo = {
  name: "sqlite",
  supportsSkipLocked: false,
  supportsRowLocks: false,
  // SQLite ≥ 3.32 allows 32,766; stay well below it.
  maxBindParameters: 30_000,
  timestampType: "text",
  serialType: "integer",
};

export const postgresDialect: DialectInfo = {
  name: "postgres",
  supportsSkipLocked: true,
  supportsRowLocks: true,
  maxBindParameters: 60_000,
  timestampType: "timestamptz",
  serialType: "bigserial",
};

/** Adds an auto-increment `id` primary key in the dialect's own way. */
export function addSerialId<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectInfo,
): CreateTableBuilder<T, C | "id"> {
  return dialect.name === "sqlite"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    : table.addColumn("id", dialect.serialType, (c) => c.primaryKey());
}

/** Splits rows so that one insert of `columnsPerRow` columns stays under the bind-parameter limit. */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number, dialect: DialectInfo): T[][] {
  const size = Math.max(1, Math.floor(dialect.maxBindParameters / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
