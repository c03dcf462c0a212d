/**
 * Automation: per-application provisioning settings (a mode per event, the reconcile schedule, the
 * pause of a failing target), tickets (SmartLink messaging), and the indexes the job queue claims by.
 */
import { type Kysely, sql } from "kysely";
import { addSerialId } from "../dialect.js";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its day
  async up(db: Kysely<any>, dialect) {
    const ts = dialect.timestampType;
    const mode = (name: string) => sql.raw(`${name} in ('manual', 'notification', 'automatic')`);

    await db.schema
      .createTable("provisioning_settings")
      .addColumn("application_id", "text", (c) =>
        c.primaryKey().references("applications.id").onDelete("cascade"),
      )
      .addColumn("user_gains_access", "text", (c) => c.notNull().defaultTo("manual"))
      .addColumn("user_loses_access", "text", (c) => c.notNull().defaultTo("manual"))
      .addColumn("user_deactivated", "text", (c) => c.notNull().defaultTo("manual"))
      .addColumn("user_updated", "text", (c) => c.notNull().defaultTo("manual"))
      // Minutes between scheduled reconciliations; null = off.
      .addColumn("reconcile_minutes", "integer", (c) => c.defaultTo(60))
      .addColumn("last_reconciled_at", ts)
      // Jobs of this application in flight at once, across every worker process.
      .addColumn("max_concurrency", "integer", (c) => c.notNull().defaultTo(8))
      // A target that keeps failing is paused (quarantine) instead of burning retries.
      .addColumn("paused_at", ts)
      .addColumn("pause_reason", "text")
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint("provisioning_settings_gains_ck", mode("user_gains_access"))
      .addCheckConstraint("provisioning_settings_loses_ck", mode("user_loses_access"))
      .addCheckConstraint("provisioning_settings_deactivated_ck", mode("user_deactivated"))
      .addCheckConstraint("provisioning_settings_updated_ck", mode("user_updated"))
      .execute();

    await addSerialId(db.schema.createTable("tickets"), dialect)
      .addColumn("application_id", "text", (c) =>
        c.notNull().references("applications.id").onDelete("cascade"),
      )
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("user_id", "text")
      .addColumn("folder_id", "text")
      // The job kind the one-click action enqueues, and its payload (JSON).
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
      // (application, event, subject): at most one open ticket per key.
      .addColumn("dedupe_key", "text", (c) => c.notNull())
      .addColumn("job_id", "integer")
      .addColumn("result", "text")
      .addColumn("read_at", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("resolved_at", ts)
      .addColumn("resolved_by", "text")
      .addCheckConstraint("tickets_status_ck", sql`status in ('open', 'resolved', 'dismissed')`)
      .execute();
    await db.schema
      .createIndex("tickets_open_uq")
      .on("tickets")
      .column("dedupe_key")
      .unique()
      .where(sql.ref("status"), "=", "open")
      .execute();
    await db.schema.createIndex("tickets_status_idx").on("tickets").columns(["status", "id"]).execute();
    await db.schema
      .createIndex("tickets_app_idx")
      .on("tickets")
      .columns(["application_id", "status", "id"])
      .execute();

    // The queue claims queued jobs by (state, run_at); serial queues and merging look up by key.
    await db.schema
      .createIndex("jobs_claim_idx")
      .on("jobs")
      // In claim order, so a claim reads the first runnable rows instead of sorting the backlog.
      .columns(["state", "priority desc", "id"])
      .execute();
    await db.schema.createIndex("jobs_queue_idx").on("jobs").columns(["queue", "state", "id"]).execute();
    await db.schema.createIndex("jobs_key_idx").on("jobs").columns(["job_key", "state"]).execute();
  },
};

export default migration;
