/**
 * The Schema tab: the schema the target returned (Users, Groups, extensions), the capabilities
 * SmartLink verified, and the history of fetches; re-fetched on demand.
 */
import { isoNow } from "../clock.js";
import type { Capabilities } from "../scim/index.js";
import type { Actor } from "./activity.js";
import { toDocument } from "./connection.service.js";
import { type ProvisioningDeps, withTarget } from "./deps.js";
import { latestSchema, schemaHistory, storeSchema } from "./schema.queries.js";

export function createSchemaService(deps: ProvisioningDeps) {
  const { db } = deps;
  async function get(appId: string) {
    await deps.clients.get(appId);
    const [latest, history] = await Promise.all([latestSchema(db, appId), schemaHistory(db, appId)]);
    return { fetchedAt: latest?.fetchedAt ?? null, ...(latest?.document ?? emptyDocument()), history };
  }
  return {
    get,
    /** Reads discovery again and stores it (a new history row only when it changed). */
    async refresh(appId: string, actor: Actor) {
      const changed = await withTarget(deps, appId, actor, "schema.refresh", async (s) => {
        // Verified capabilities come from the probe at connection time; discovery alone would
        // overwrite them with what the target merely declares, so the client keeps the stored ones.
        const verified = JSON.parse(s.connection.capabilities) as Capabilities;
        let d: Awaited<ReturnType<typeof s.client.discover>>;
        try {
          d = await s.client.discover();
        } catch (err) {
          return s.fail(err, "reading its schema");
        } finally {
          s.client.setCapabilities(verified);
        }
        return storeSchema(db, appId, toDocument(d, verified), isoNow(deps.clock));
      });
      return { ...(await get(appId)), changed };
    },
  };
}

function emptyDocument() {
  return {
    schemas: [],
    resourceTypes: [],
    serviceProviderConfig: null,
    fallback: { serviceProviderConfig: true, resourceTypes: true, schemas: true },
    capabilities: null,
  };
}
