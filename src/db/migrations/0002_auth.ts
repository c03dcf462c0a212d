/**
 * Auth tables: admins, their sessions, API tokens and the login rate limiter's counters.
 */
import { sql } from "kysely";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  async up(db, dialect) {
    const ts = dialect.timestampType;

    await db.schema
      .createTable("admins")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // Emails are stored lower-cased; the index on lower(email) also guards rows written by hand.
    await sql`CREATE UNIQUE INDEX admins_email_unique ON admins (lower(email))`.execute(db);

    await db.schema
      .createTable("admin_sessions")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("admin_id", "text", (c) => c.notNull().references("admins.id").onDelete("cascade"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_seen_at", ts, (c) => c.notNull())
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("absolute_expires_at", ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("admin_sessions_admin_id").on("admin_sessions").column("admin_id").execute();
    await db.schema
      .createIndex("admin_sessions_expires_at")
      .on("admin_sessions")
      .column("expires_at")
      .execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("admin_id", "text", (c) => c.references("admins.id").onDelete("cascade"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_used_at", ts)
      .addColumn("expires_at", ts)
      .execute();

    await db.schema
      .createTable("auth_rate_limits")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("window_started_at", ts, (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .execute();
  },
};

export default migration;
