/**
 * Provisioning: SCIM connections (credentials sealed by the secret box), fetched schemas (history),
 * attribute mappings, the target snapshot (accounts, groups), links (user ↔ account,
 * folder ↔ group), the SCIM activity log, and the jobs table that tracks long work.
 *
 * Links and snapshots carry no foreign key to users or folders: a deleted user's link must survive
 * until its account is deprovisioned (the automation reads it). They cascade with the application.
 */
import type { Kysely } from "kysely";
import { addSerialId } from "../dialect.js";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its day
  async up(db: Kysely<any>, dialect) {
    const ts = dialect.timestampType;
    const appRef = "applications.id";

    await db.schema
      .createTable("scim_connections")
      .addColumn("application_id", "text", (c) => c.primaryKey().references(appRef).onDelete("cascade"))
      .addColumn("base_url", "text", (c) => c.notNull())
      .addColumn("auth_type", "text", (c) => c.notNull())
      // JSON credentials sealed with AES-256-GCM, bound to the application id.
      .addColumn("credentials", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("capabilities", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("verified_at", ts)
      .addColumn("last_error", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    await addSerialId(db.schema.createTable("scim_schema_fetches"), dialect)
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("fetched_at", ts, (c) => c.notNull())
      .addColumn("document", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("scim_schema_fetches_app_idx")
      .on("scim_schema_fetches")
      .columns(["application_id", "id"])
      .execute();

    await db.schema
      .createTable("attribute_mappings")
      .addColumn("application_id", "text", (c) => c.primaryKey().references(appRef).onDelete("cascade"))
      .addColumn("user_mapping", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("scim_accounts")
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("user_name", "text", (c) => c.notNull())
      .addColumn("user_name_lower", "text", (c) => c.notNull())
      .addColumn("display_name", "text")
      .addColumn("email_lower", "text")
      .addColumn("emails", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("external_id", "text")
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("raw", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("search_text", "text", (c) => c.notNull())
      .addColumn("refresh_id", "integer")
      .addColumn("seen_at", ts, (c) => c.notNull())
      .addColumn("vanished_at", ts)
      .addPrimaryKeyConstraint("scim_accounts_pk", ["application_id", "id"] as never)
      .execute();
    // List order (user_name_lower, id); suggestions join on user name, email and externalId;
    // search scans the narrow (search_text, order) index instead of rows that carry the raw JSON.
    for (const cols of [
      ["user_name_lower", "id"],
      ["email_lower"],
      ["external_id"],
      ["refresh_id"],
      ["search_text", "user_name_lower", "id"],
    ]) {
      await db.schema
        .createIndex(`scim_accounts_${cols[0]}_idx`)
        .on("scim_accounts")
        .columns(["application_id", ...cols])
        .execute();
    }

    await db.schema
      .createTable("scim_groups")
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("display_name_lower", "text", (c) => c.notNull())
      .addColumn("external_id", "text")
      // null: the target does not show members in lists (AWS-like).
      .addColumn("member_count", "integer")
      .addColumn("members", "text")
      .addColumn("search_text", "text", (c) => c.notNull())
      .addColumn("refresh_id", "integer")
      .addColumn("seen_at", ts, (c) => c.notNull())
      .addColumn("vanished_at", ts)
      .addPrimaryKeyConstraint("scim_groups_pk", ["application_id", "id"] as never)
      .execute();
    await db.schema
      .createIndex("scim_groups_order_idx")
      .on("scim_groups")
      .columns(["application_id", "display_name_lower", "id"])
      .execute();
    await db.schema
      .createIndex("scim_groups_search_idx")
      .on("scim_groups")
      .columns(["application_id", "search_text", "display_name_lower", "id"])
      .execute();

    await db.schema
      .createTable("account_links")
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("account_id", "text", (c) => c.notNull())
      // What we last sent (JSON) and its hash: an update that changes nothing sends nothing.
      .addColumn("last_sent", "text")
      .addColumn("last_sent_hash", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("account_links_pk", ["application_id", "user_id"] as never)
      .execute();
    // One account per user and one user per account, per application: two admins associating
    // the same account at once cannot both win.
    await db.schema
      .createIndex("account_links_account_uq")
      .on("account_links")
      .columns(["application_id", "account_id"])
      .unique()
      .execute();
    await db.schema.createIndex("account_links_user_idx").on("account_links").column("user_id").execute();

    await db.schema
      .createTable("group_links")
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("folder_id", "text", (c) => c.notNull())
      .addColumn("group_id", "text", (c) => c.notNull())
      // Member account ids we last pushed (JSON array), for targets that hide group members.
      .addColumn("last_members", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("group_links_pk", ["application_id", "folder_id"] as never)
      .execute();
    await db.schema
      .createIndex("group_links_group_uq")
      .on("group_links")
      .columns(["application_id", "group_id"])
      .unique()
      .execute();
    await db.schema.createIndex("group_links_folder_idx").on("group_links").column("folder_id").execute();

    await addSerialId(db.schema.createTable("scim_activity"), dialect)
      .addColumn("application_id", "text", (c) => c.notNull().references(appRef).onDelete("cascade"))
      .addColumn("at", ts, (c) => c.notNull())
      .addColumn("actor_type", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_label", "text")
      .addColumn("operation", "text", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("resource_type", "text")
      .addColumn("resource_id", "text")
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("error", "text")
      .addColumn("request_body", "text")
      .addColumn("response_body", "text")
      .execute();
    await db.schema
      .createIndex("scim_activity_app_idx")
      .on("scim_activity")
      .columns(["application_id", "id"])
      .execute();

    // Long work (snapshot refreshes now; the automation's durable queue adds to it). Columns follow
    // graphile-worker's job semantics so the queue can grow into this table.
    await addSerialId(db.schema.createTable("jobs"), dialect)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("application_id", "text")
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("total", "integer")
      .addColumn("result", "text")
      .addColumn("last_error", "text")
      .addColumn("created_by", "text")
      .addColumn("run_at", ts, (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("locked_by", "text")
      .addColumn("locked_until", ts)
      .addColumn("job_key", "text")
      .addColumn("queue", "text")
      .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addColumn("finished_at", ts)
      .execute();
    await db.schema
      .createIndex("jobs_app_kind_idx")
      .on("jobs")
      .columns(["application_id", "kind", "state"])
      .execute();
  },
};

export default migration;
