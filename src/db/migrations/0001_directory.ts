/**
 * The directory: users, folders, applications, memberships, direct assignments, and the `events`
 * outbox. Effective access is never stored: it is derived from folder_members × folder_applications
 * ∪ application_assignments (src/directory/access.sql.ts).
 */
import { type Kysely, sql } from "kysely";
import { addSerialId } from "../dialect.js";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its day
  async up(db: Kysely<any>, dialect) {
    const ts = dialect.timestampType;

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("email_normalized", "text", (c) => c.notNull())
      .addColumn("first_name", "text", (c) => c.notNull())
      .addColumn("last_name", "text", (c) => c.notNull())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("search_text", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
    // Case-insensitive uniqueness, and the default list order (email_normalized, id).
    await db.schema
      .createIndex("users_email_normalized_uq")
      .on("users")
      .column("email_normalized")
      .unique()
      .execute();
    // Paging: (email_normalized, id) lets a page's ids be read from the index alone, then joined.
    await db.schema.createIndex("users_order_idx").on("users").columns(["email_normalized", "id"]).execute();
    await db.schema
      .createIndex("users_active_order_idx")
      .on("users")
      .columns(["active", "email_normalized", "id"])
      .execute();
    // Substring search cannot seek, but scanning this narrow covering index is several times cheaper
    // than scanning the table (rows carry attributes JSON and timestamps).
    await db.schema
      .createIndex("users_search_idx")
      .on("users")
      .columns(["search_text", "active", "email_normalized", "id"])
      .execute();
    await db.schema.createIndex("users_name_idx").on("users").columns(["last_name", "first_name"]).execute();

    for (const table of ["folders", "applications"] as const) {
      let t = db.schema
        .createTable(table)
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull());
      t =
        table === "folders"
          ? t.addColumn("description", "text", (c) => c.notNull().defaultTo(""))
          : t.addColumn("url", "text").addColumn("icon_url", "text");
      await t
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("created_at", ts, (c) => c.notNull())
        .addColumn("updated_at", ts, (c) => c.notNull())
        .execute();
      // List order is (search_text, id): the lower-cased name, then the id for stability.
      await db.schema.createIndex(`${table}_search_idx`).on(table).columns(["search_text", "id"]).execute();
    }

    const link = async (table: string, left: [string, string], right: [string, string]) => {
      await db.schema
        .createTable(table)
        .addColumn(left[0], "text", (c) => c.notNull().references(`${left[1]}.id`).onDelete("cascade"))
        .addColumn(right[0], "text", (c) => c.notNull().references(`${right[1]}.id`).onDelete("cascade"))
        .addColumn("created_at", ts, (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, [left[0], right[0]] as never)
        .execute();
      // The primary key serves lookups by the left column; this one serves the right column.
      await db.schema
        .createIndex(`${table}_${right[0]}_idx`)
        .on(table)
        .columns([right[0], left[0]])
        .execute();
    };
    await link("folder_members", ["folder_id", "folders"], ["user_id", "users"]);
    await link("folder_applications", ["folder_id", "folders"], ["application_id", "applications"]);
    await link("application_assignments", ["application_id", "applications"], ["user_id", "users"]);

    await addSerialId(db.schema.createTable("events"), dialect)
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("application_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("processed_at", ts)
      .addCheckConstraint(
        "events_type_ck",
        sql`type in ('userGainsAccess', 'userLosesAccess', 'userDeactivated', 'userReactivated', 'userUpdated')`,
      )
      .execute();
    // Serializes directory changes (src/directory/deps.ts): one row, bumped by every change.
    await db.schema
      .createTable("directory_lock")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.insertInto("directory_lock").values({ id: 1, version: 0 }).execute();

    // The worker reads unprocessed events in id order.
    await db.schema
      .createIndex("events_unprocessed_idx")
      .on("events")
      .columns(["processed_at", "id"])
      .execute();
    await db.schema
      .createIndex("events_app_user_idx")
      .on("events")
      .columns(["application_id", "user_id"])
      .execute();
  },
};

export default migration;
