/**
 * Fetched schemas, kept as a history: each connection test or re-fetch adds a row when the
 * document changed; the newest row is the current schema.
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { Capabilities, ResourceType, ScimSchema, ServiceProviderConfig } from "../scim/index.js";

export interface SchemaDocument {
  schemas: ScimSchema[];
  resourceTypes: ResourceType[];
  serviceProviderConfig: ServiceProviderConfig | null;
  /** Which parts are the RFC 7643 core definitions because the target did not serve its own. */
  fallback: { serviceProviderConfig: boolean; resourceTypes: boolean; schemas: boolean };
  capabilities: Capabilities;
}

export async function latestSchema(db: Kysely<DB>, appId: string) {
  const row = await db
    .selectFrom("scim_schema_fetches")
    .selectAll()
    .where("application_id", "=", appId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return (
    row && {
      id: Number(row.id),
      fetchedAt: row.fetched_at,
      document: JSON.parse(row.document) as SchemaDocument,
    }
  );
}

/** Adds a history row unless the newest one holds the same document; returns whether it changed. */
export async function storeSchema(db: Kysely<DB>, appId: string, doc: SchemaDocument, now: string) {
  const text = JSON.stringify(doc);
  const last = await db
    .selectFrom("scim_schema_fetches")
    .select(["id", "document"])
    .where("application_id", "=", appId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (last?.document === text) {
    // Same schema: record that it was confirmed now, without a new history row.
    await db.updateTable("scim_schema_fetches").set({ fetched_at: now }).where("id", "=", last.id).execute();
    return false;
  }
  await db
    .insertInto("scim_schema_fetches")
    .values({ application_id: appId, fetched_at: now, document: text })
    .execute();
  return true;
}

export async function schemaHistory(db: Kysely<DB>, appId: string) {
  const rows = await db
    .selectFrom("scim_schema_fetches")
    .select(["id", "fetched_at"])
    .where("application_id", "=", appId)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), fetchedAt: r.fetched_at }));
}
