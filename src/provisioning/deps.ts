/**
 * What the provisioning services share, and the one wrapper every action goes through: the
 * application's client, the actor and operation attached to its SCIM calls, SCIM failures turned
 * into domain errors, and the activity flushed before the answer.
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { DB, DialectInfo } from "../db/index.js";
import type { Directory } from "../directory/index.js";
import type { Jobs } from "../jobs/index.js";
import type { ScimClient } from "../scim/index.js";
import type { Activity, Actor } from "./activity.js";
import type { Clients } from "./clients.js";
import type { ConnectionRow } from "./provisioning.tables.js";
import { targetError } from "./target-errors.js";

export interface ProvisioningDeps {
  db: Kysely<DB>;
  dialect: DialectInfo;
  clock: Clock;
  log: Logger;
  directory: Directory;
  clients: Clients;
  activity: Activity;
  jobs: Jobs;
}

/** What an action body gets. */
export interface ActionScope {
  client: ScimClient;
  connection: ConnectionRow;
  appName: string;
  /** Rethrows a SCIM failure as a domain error that says what was being done. */
  fail(err: unknown, what: string): never;
}

/**
 * Runs `fn` for a connected application as `actor` doing `operation`. Throws
 * `provisioning.not_connected` (409) first when there is no working connection.
 */
export async function withTarget<T>(
  deps: ProvisioningDeps,
  appId: string,
  actor: Actor,
  operation: string,
  fn: (s: ActionScope) => Promise<T>,
): Promise<T> {
  const { client, connection, appName } = await deps.clients.get(appId);
  const scope: ActionScope = {
    client,
    connection,
    appName,
    fail(err, what) {
      throw targetError(err, appName, what);
    },
  };
  try {
    return await deps.activity.run(actor, operation, () => fn(scope));
  } finally {
    // An admin looks right after clicking: their rows are written before the answer. Automation
    // leaves them to the batch writer (one insert for many jobs).
    if (actor.type === "admin") await deps.activity.flush();
  }
}
