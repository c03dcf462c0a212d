/**
 * The Configuration tab: test a connection (discovery + capability probe), then store it with its
 * credentials sealed, its capabilities and the schema the target returned. A failed test saves
 * nothing and says what is wrong in words (./connection-errors.ts).
 */

import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { SecretBox } from "../crypto/index.js";
import type { Database } from "../db/index.js";
import { invalid, notFound } from "../errors.js";
import type { Capabilities, Discovery, ScimCredentials } from "../scim/index.js";
import type { Activity, Actor } from "./activity.js";
import { ensureRow as ensureSettingsRow } from "./automation/settings.js";
import { type Clients, credentialsContext } from "./clients.js";
import { explainConnectionError } from "./connection-errors.js";
import { DEFAULT_USER_MAPPING } from "./mapping/index.js";
import type { ConnectionStatus } from "./provisioning.tables.js";
import { type SchemaDocument, storeSchema } from "./schema.queries.js";

/** Authentication as the API accepts it; `token` alone means a bearer token. */
export type ConnectionAuth =
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | {
      type: "oauth";
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope?: string | undefined;
      authMethod?: "basic" | "post" | undefined;
    };

export interface ConnectInput {
  baseUrl: string;
  token?: string | undefined;
  auth?: ConnectionAuth | undefined;
}

/** GET …/connection: never the secret, only whether one is set. */
export interface ConnectionView {
  baseUrl: string | null;
  authType: "bearer" | "basic" | "oauth" | null;
  tokenSet: boolean;
  status: ConnectionStatus | "disconnected";
  verifiedAt: string | null;
  capabilities: Capabilities | null;
  lastError: { code: string; message: string } | null;
  /** Non-secret parts of Basic / OAuth credentials, so the form can show them. */
  username: string | null;
  clientId: string | null;
  tokenUrl: string | null;
  /** Set by PUT when the base URL changed: the old target's snapshot and links were cleared. */
  targetChanged?: boolean;
}

const DISCONNECTED: ConnectionView = {
  baseUrl: null,
  authType: null,
  tokenSet: false,
  status: "disconnected",
  verifiedAt: null,
  capabilities: null,
  lastError: null,
  username: null,
  clientId: null,
  tokenUrl: null,
};

/** Checks the base URL: http(s), no credentials, no fragment; trailing slashes dropped. */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(
      "connection.invalid_url",
      `"${raw}" is not a URL: enter the SCIM base URL, e.g. https://app.example.com/scim/v2`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid(
      "connection.invalid_url",
      `The base URL must start with https:// or http:// (got ${url.protocol})`,
    );
  }
  if (url.username || url.password) {
    throw invalid(
      "connection.invalid_url",
      "The base URL must not contain a user name or password: put the credentials in the token fields",
    );
  }
  if (url.hash) throw invalid("connection.invalid_url", "The base URL must not contain a #fragment");
  return url.toString().replace(/\/+$/, "");
}

function toCredentials(input: ConnectInput): ScimCredentials | undefined {
  if (input.token !== undefined && input.auth !== undefined) {
    throw invalid("connection.ambiguous_auth", "Give either token or auth, not both");
  }
  if (input.token !== undefined) return { type: "bearer", token: input.token };
  if (!input.auth) return undefined;
  const a = input.auth;
  if (a.type === "oauth") {
    normalizeBaseUrl(a.tokenUrl);
    return {
      type: "oauth",
      tokenUrl: a.tokenUrl,
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      ...(a.scope ? { scope: a.scope } : {}),
      ...(a.authMethod ? { authMethod: a.authMethod } : {}),
    };
  }
  return a;
}

export function createConnections(deps: {
  database: Database;
  clock: Clock;
  secrets: SecretBox;
  clients: Clients;
  activity: Activity;
}) {
  const { db } = deps.database;

  async function mustFindApp(appId: string) {
    const app = await db
      .selectFrom("applications")
      .select(["id", "name"])
      .where("id", "=", appId)
      .executeTakeFirst();
    if (!app) throw notFound("application", appId);
    return app;
  }
  const findRow = (appId: string) =>
    db.selectFrom("scim_connections").selectAll().where("application_id", "=", appId).executeTakeFirst();

  async function view(appId: string): Promise<ConnectionView> {
    await mustFindApp(appId);
    const row = await findRow(appId);
    if (!row) return DISCONNECTED;
    if (row.status === "disconnected") return { ...DISCONNECTED, baseUrl: row.base_url };
    const creds = JSON.parse(
      deps.secrets.decrypt(row.credentials, credentialsContext(appId)),
    ) as ScimCredentials;
    return {
      baseUrl: row.base_url,
      authType: row.auth_type,
      tokenSet: true,
      status: row.status,
      verifiedAt: row.verified_at,
      capabilities: JSON.parse(row.capabilities) as Capabilities,
      lastError: row.last_error ? (JSON.parse(row.last_error) as { code: string; message: string }) : null,
      username: creds.type === "basic" ? creds.username : null,
      clientId: creds.type === "oauth" ? creds.clientId : null,
      tokenUrl: creds.type === "oauth" ? creds.tokenUrl : null,
    };
  }

  return {
    view,

    /**
     * Tests the connection (discovery, then the capability probe, which creates and deletes a
     * probe user and group) and stores it. Without new credentials the stored ones are reused
     * (re-test, or a new URL on the same credentials). Throws 400 `connection.*` and saves nothing
     * when the test fails.
     */
    async connect(appId: string, input: ConnectInput, actor: Actor): Promise<ConnectionView> {
      await mustFindApp(appId);
      const baseUrl = normalizeBaseUrl(input.baseUrl);
      const existing = await findRow(appId);
      // After a disconnect the stored credentials are gone (sealed "none"): new ones are required.
      const stored =
        existing && existing.status !== "disconnected"
          ? (JSON.parse(
              deps.secrets.decrypt(existing.credentials, credentialsContext(appId)),
            ) as ScimCredentials)
          : undefined;
      const credentials = toCredentials(input) ?? stored;
      if (!credentials) {
        throw invalid("connection.token_required", "A token (or other credentials) is required to connect");
      }
      // A short leash: an admin is waiting, and a dead host should fail in seconds, not minutes.
      const client = deps.clients.build(appId, baseUrl, credentials);
      let discovery: Discovery;
      let capabilities: Capabilities;
      try {
        ({ discovery, capabilities } = await deps.activity.run(actor, "connection.verify", async () => {
          const d = await client.discover();
          return { discovery: d, capabilities: await client.probe(d) };
        }));
      } catch (err) {
        throw explainConnectionError(err, baseUrl);
      } finally {
        await client.close();
        await deps.activity.flush();
      }
      const now = isoNow(deps.clock);
      const targetChanged = existing !== undefined && existing.base_url !== baseUrl;
      await db.transaction().execute(async (trx) => {
        const values = {
          base_url: baseUrl,
          auth_type: credentials.type === "none" ? "bearer" : credentials.type,
          credentials: deps.secrets.encrypt(JSON.stringify(credentials), credentialsContext(appId)),
          status: "connected" as const,
          capabilities: JSON.stringify(capabilities),
          verified_at: now,
          last_error: null,
          updated_at: now,
        };
        await trx
          .insertInto("scim_connections")
          .values({ application_id: appId, created_at: now, ...values })
          .onConflict((oc) => oc.column("application_id").doUpdateSet(values))
          .execute();
        if (targetChanged) {
          // Another target: what we knew of the old one (accounts, groups, links) is not true here.
          for (const table of ["scim_accounts", "scim_groups", "account_links", "group_links"] as const) {
            await trx.deleteFrom(table).where("application_id", "=", appId).execute();
          }
          await trx
            .updateTable("scim_connections")
            .set({ accounts_read_at: null, groups_read_at: null })
            .where("application_id", "=", appId)
            .execute();
        }
        await storeSchema(trx, appId, toDocument(discovery, capabilities), now);
        // The automation's settings row (all manual) exists from the first connection: the job
        // queue locks it to bound the target's concurrency across worker processes.
        await ensureSettingsRow(trx, appId, now);
        await trx
          .insertInto("attribute_mappings")
          .values({
            application_id: appId,
            user_mapping: JSON.stringify(DEFAULT_USER_MAPPING),
            updated_at: now,
          })
          .onConflict((oc) => oc.column("application_id").doNothing())
          .execute();
      });
      await deps.clients.invalidate(appId);
      return { ...(await view(appId)), ...(targetChanged ? { targetChanged } : {}) };
    },

    /**
     * Disconnects: the credentials are destroyed, the other tabs lock. Links and the snapshot stay
     * for a reconnection to the same target; the base URL stays so that connecting to another
     * target clears them.
     */
    async disconnect(appId: string): Promise<void> {
      await mustFindApp(appId);
      const none: ScimCredentials = { type: "none" };
      await db
        .updateTable("scim_connections")
        .set({
          status: "disconnected",
          credentials: deps.secrets.encrypt(JSON.stringify(none), credentialsContext(appId)),
          updated_at: isoNow(deps.clock),
        })
        .where("application_id", "=", appId)
        .execute();
      await deps.clients.invalidate(appId);
    },
  };
}

/** What the Schema tab shows: the target's own words plus what we verified. */
export function toDocument(d: Discovery, capabilities: Capabilities): SchemaDocument {
  return {
    schemas: d.schemas,
    resourceTypes: d.resourceTypes,
    serviceProviderConfig: d.serviceProviderConfig ?? null,
    fallback: d.fallback,
    capabilities,
  };
}

export type Connections = ReturnType<typeof createConnections>;
