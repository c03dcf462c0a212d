/**
 * When each snapshot (accounts, groups) was last read completely, so the console can say "Last read
 * 3 minutes ago" and tell "never read" from "the target is empty".
 */
import type { Kysely } from "kysely";
import type { SmartlinkMigration } from "./types.js";

const migration: SmartlinkMigration = {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its day
  async up(db: Kysely<any>, dialect) {
    for (const column of ["accounts_read_at", "groups_read_at"]) {
      await db.schema.alterTable("scim_connections").addColumn(column, dialect.timestampType).execute();
    }
  },
};

export default migration;
