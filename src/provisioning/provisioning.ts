/**
 * `createProvisioning`: connections, schema, mapping, snapshots, links and every tab action, as
 * plain functions over the database, the directory and one SCIM client per application
 * (CONVENTIONS.md §2).
 */
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { SecretBox } from "../crypto/index.js";
import type { Database } from "../db/index.js";
import type { Directory } from "../directory/index.js";
import type { Jobs } from "../jobs/index.js";
import { createAccess } from "./access.service.js";
import { createAccounts } from "./accounts.service.js";
import { createActivity } from "./activity.js";
import { createClients, type ScimTuning } from "./clients.js";
import { createConnections } from "./connection.service.js";
import type { ProvisioningDeps } from "./deps.js";
import { createFolderTab } from "./folders.service.js";
import { createGroups } from "./groups.service.js";
import { createLifecycle } from "./lifecycle.service.js";
import { createMappingService } from "./mapping.service.js";
import { createSchemaService } from "./schema.service.js";
import { createSnapshots } from "./snapshot.service.js";

export interface CreateProvisioningOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  directory: Directory;
  secrets: SecretBox;
  jobs: Jobs;
  /** SCIM client options for every target (timeouts, retry policy, concurrency). */
  scim?: ScimTuning;
}

export function createProvisioning(opts: CreateProvisioningOptions) {
  const activity = createActivity({ database: opts.database, clock: opts.clock, log: opts.log });
  const clients = createClients({
    database: opts.database,
    secrets: opts.secrets,
    activity,
    ...(opts.scim ? { tuning: opts.scim } : {}),
  });
  const deps: ProvisioningDeps = {
    db: opts.database.db,
    dialect: opts.database.dialect,
    clock: opts.clock,
    log: opts.log,
    directory: opts.directory,
    clients,
    activity,
    jobs: opts.jobs,
  };
  return {
    connection: createConnections({ ...deps, database: opts.database, secrets: opts.secrets }),
    schema: createSchemaService(deps),
    mapping: createMappingService(deps),
    snapshots: createSnapshots(deps),
    accounts: createAccounts(deps),
    groups: createGroups(deps),
    access: createAccess(deps),
    folders: createFolderTab(deps),
    lifecycle: createLifecycle(deps),
    activity: {
      list: activity.list,
      stats: activity.stats,
      flush: activity.flush,
    },
    /** The SCIM client of a connected application (for the automation). */
    client: clients.get,
    async close(): Promise<void> {
      await activity.flush();
      await clients.closeAll();
    },
  };
}

export type Provisioning = ReturnType<typeof createProvisioning>;
