/**
 * The attribute mapping of an application (SmartLink attribute or constant → SCIM attribute),
 * validated against the schema the target returned. Defaults to DESIGN.md's mapping.
 */
import type { Kysely } from "kysely";
import { isoNow } from "../clock.js";
import type { DB } from "../db/index.js";
import { invalid } from "../errors.js";
import type { ProvisioningDeps } from "./deps.js";
import { DEFAULT_USER_MAPPING, type UserMapping, validateMapping } from "./mapping/index.js";
import { latestSchema } from "./schema.queries.js";

/** The mapping in force for an application (the default when none was saved). */
export async function loadMapping(db: Kysely<DB>, appId: string): Promise<UserMapping> {
  const row = await db
    .selectFrom("attribute_mappings")
    .select("user_mapping")
    .where("application_id", "=", appId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.user_mapping) as UserMapping) : DEFAULT_USER_MAPPING;
}

export function createMappingService(deps: ProvisioningDeps) {
  const { db } = deps;
  return {
    async get(appId: string) {
      await deps.clients.get(appId);
      return { user: await loadMapping(db, appId), defaults: DEFAULT_USER_MAPPING };
    },
    /**
     * Replaces the mapping after checking every entry against the target's schema; any issue is a
     * 400 `mapping.invalid` listing all of them, and nothing is saved.
     */
    async put(appId: string, mapping: UserMapping) {
      await deps.clients.get(appId);
      const schema = await latestSchema(db, appId);
      const issues = validateMapping(mapping, schema?.document.schemas ?? []);
      if (issues.length > 0) {
        const first = issues[0]!;
        throw invalid(
          "mapping.invalid",
          `The mapping does not fit the target's schema: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`,
          { issues },
        );
      }
      const now = isoNow(deps.clock);
      const text = JSON.stringify(mapping);
      await db
        .insertInto("attribute_mappings")
        .values({ application_id: appId, user_mapping: text, updated_at: now })
        .onConflict((oc) => oc.column("application_id").doUpdateSet({ user_mapping: text, updated_at: now }))
        .execute();
      return { user: mapping, defaults: DEFAULT_USER_MAPPING };
    },
  };
}
