import type { Kysely } from "kysely";
import type { DialectInfo } from "../dialect.js";

/** A migration gets the dialect flags, so column types follow DialectInfo. */
export interface SmartlinkMigration {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its day, not today's DB type
  up(db: Kysely<any>, dialect: DialectInfo): Promise<void>;
}
