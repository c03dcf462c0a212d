import m0001 from "./0001_directory.js";
import m0002 from "./0002_auth.js";
import m0003 from "./0003_user_search_trigram.js";
import m0004 from "./0004_provisioning.js";
import m0005 from "./0005_automation.js";
import m0006 from "./0006_snapshot_read_at.js";
import type { SmartlinkMigration } from "./types.js";

/** Every migration, in the order it runs. Names sort; never rename or reorder a landed one. */
export const migrations: Record<string, SmartlinkMigration> = {
  "0001_directory": m0001,
  "0002_auth": m0002,
  "0003_user_search_trigram": m0003,
  "0004_provisioning": m0004,
  "0005_automation": m0005,
  "0006_snapshot_read_at": m0006,
};
