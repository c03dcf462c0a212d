/**
 * One SCIM client per connected application, built from the stored connection (credentials opened
 * from the secret box) and cached until the connection changes. Every client reports to the
 * Activity log.
 */
import type { SecretBox } from "../crypto/index.js";
import type { Database } from "../db/index.js";
import { conflict, notFound } from "../errors.js";
import {
  type Capabilities,
  createScimClient,
  type ScimClient,
  type ScimClientOptions,
  type ScimCredentials,
} from "../scim/index.js";
import type { Activity } from "./activity.js";
import type { ConnectionRow } from "./provisioning.tables.js";

/** Client options every provisioning client gets (tests shorten retries here). */
export type ScimTuning = Partial<Omit<ScimClientOptions, "baseUrl" | "credentials" | "observer">>;

/** Associated data that binds sealed credentials to their application. */
export const credentialsContext = (appId: string) => `scim-connection:${appId}`;

export interface ConnectedClient {
  client: ScimClient;
  connection: ConnectionRow;
  appName: string;
}

export function createClients(opts: {
  database: Database;
  secrets: SecretBox;
  activity: Activity;
  tuning?: ScimTuning;
}) {
  const { db } = opts.database;
  const cache = new Map<string, { version: string; client: ScimClient }>();

  /** Builds a client that is not cached (the connection test uses one). */
  function build(appId: string, baseUrl: string, credentials: ScimCredentials, caps?: Partial<Capabilities>) {
    return createScimClient({
      ...opts.tuning,
      baseUrl,
      credentials,
      ...(caps ? { capabilities: caps } : {}),
      observer: opts.activity.observer(appId),
    });
  }

  async function drop(appId: string): Promise<void> {
    const hit = cache.get(appId);
    cache.delete(appId);
    await hit?.client.close();
  }

  return {
    build,
    /**
     * The client of a connected application. Throws `application.not_found`, or 409
     * `provisioning.not_connected` when no working connection exists.
     */
    async get(appId: string): Promise<ConnectedClient> {
      // The connection and the application's name in one read: every action starts here.
      const found = await db
        .selectFrom("scim_connections as c")
        .innerJoin("applications as a", "a.id", "c.application_id")
        .selectAll("c")
        .select("a.name as app_name")
        .where("c.application_id", "=", appId)
        .executeTakeFirst();
      if (found?.status !== "connected") {
        const app = await db
          .selectFrom("applications")
          .select("id")
          .where("id", "=", appId)
          .executeTakeFirst();
        if (!app) throw notFound("application", appId);
        throw conflict(
          "provisioning.not_connected",
          "This application has no working SCIM connection: set it up in the Configuration tab first",
        );
      }
      const { app_name: appName, ...connection } = found;
      const version = `${connection.updated_at}|${connection.verified_at}`;
      const hit = cache.get(appId);
      if (hit && hit.version === version) return { client: hit.client, connection, appName };
      await drop(appId);
      const credentials = JSON.parse(
        opts.secrets.decrypt(connection.credentials, credentialsContext(appId)),
      ) as ScimCredentials;
      const caps = JSON.parse(connection.capabilities) as Partial<Capabilities>;
      const client = build(appId, connection.base_url, credentials, caps);
      cache.set(appId, { version, client });
      return { client, connection, appName };
    },
    /** Forgets the cached client (connection replaced or removed). */
    invalidate: drop,
    async closeAll(): Promise<void> {
      await Promise.all([...cache.keys()].map(drop));
    },
  };
}

export type Clients = ReturnType<typeof createClients>;
