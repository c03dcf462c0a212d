/**
 * Discovery, RFC 7644 §4: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`. Each is optional
 * in practice; a missing or malformed answer falls back to the RFC 7643 core definitions.
 * Credentials problems (401/403) are not hidden: they throw, since nothing else will work either.
 */
import type { z } from "zod";
import { isScimError } from "./errors.js";
import { type RequestContext, scimRequest } from "./request.js";
import { CORE_RESOURCE_TYPES, CORE_SCHEMAS } from "./schemas-core.js";
import type { Capabilities } from "./types.js";
import {
  type ResourceType,
  resourceTypeSchema,
  type ScimSchema,
  type ServiceProviderConfig,
  schemaSchema,
  serviceProviderConfigSchema,
} from "./wire.js";

/** What discovery found, and which parts are the built-in fallback. */
export interface Discovery {
  serviceProviderConfig: ServiceProviderConfig | undefined;
  resourceTypes: ResourceType[];
  schemas: ScimSchema[];
  fallback: { serviceProviderConfig: boolean; resourceTypes: boolean; schemas: boolean };
  /** Capabilities as the target declares them (not verified: see the probe). */
  capabilities: Capabilities;
}

/** Capabilities assumed before anything is known: the RFC's mandatory features. */
export const DEFAULT_CAPABILITIES: Capabilities = {
  patch: true,
  filter: { eq: true, and: true, sw: true },
  pagination: "index",
  maxPageSize: undefined,
  groupListIncludesMembers: undefined,
  contentType: "application/scim+json",
  deleteDeactivatesOnly: undefined,
  source: "default",
};

/** Fetches the three discovery endpoints (in parallel) and derives declared capabilities. */
export async function discover(ctx: RequestContext): Promise<Discovery> {
  const [spc, types, schemas] = await Promise.all([
    fetchOptional(ctx, "/ServiceProviderConfig", serviceProviderConfigSchema),
    fetchOptional(ctx, "/ResourceTypes"),
    fetchOptional(ctx, "/Schemas"),
  ]);
  const resourceTypes = listItems(types, resourceTypeSchema);
  const schemaList = listItems(schemas, schemaSchema);
  return {
    serviceProviderConfig: spc,
    resourceTypes: resourceTypes.length ? resourceTypes : [...CORE_RESOURCE_TYPES],
    schemas: schemaList.length ? schemaList : [...CORE_SCHEMAS],
    fallback: {
      serviceProviderConfig: spc === undefined,
      resourceTypes: resourceTypes.length === 0,
      schemas: schemaList.length === 0,
    },
    capabilities: capabilitiesFromConfig(spc, ctx.contentType),
  };
}

/**
 * Declared capabilities from a ServiceProviderConfig (RFC 7643 §5; `pagination` from RFC 9865 §4).
 * Without one, the defaults stand.
 */
export function capabilitiesFromConfig(
  spc: ServiceProviderConfig | undefined,
  contentType: Capabilities["contentType"],
): Capabilities {
  if (!spc) return { ...DEFAULT_CAPABILITIES, contentType };
  const p = spc.pagination;
  const cursor = p?.defaultPaginationMethod === "cursor" || (p?.cursor === true && p.index === false);
  const filterOk = spc.filter?.supported ?? true;
  return {
    patch: spc.patch?.supported ?? true,
    filter: { eq: filterOk, and: filterOk, sw: filterOk },
    pagination: cursor ? "cursor" : "index",
    maxPageSize: p?.maxPageSize ?? spc.filter?.maxResults,
    groupListIncludesMembers: undefined,
    contentType,
    deleteDeactivatesOnly: undefined,
    source: "discovery",
  };
}

async function fetchOptional<T = unknown>(
  ctx: RequestContext,
  path: string,
  schema?: z.ZodType<T>,
): Promise<T | undefined> {
  try {
    const body = await scimRequest<unknown>(ctx, { method: "GET", path, retry: { maxAttempts: 2 } });
    if (!schema) return body as T;
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : undefined;
  } catch (err) {
    if (isScimError(err, "config")) throw err;
    return undefined;
  }
}

/** Accepts a ListResponse (RFC 7644 §4) or a bare array; keeps the items that validate. */
function listItems<T>(body: unknown, schema: z.ZodType<T>): T[] {
  const raw = Array.isArray(body)
    ? body
    : body && typeof body === "object" && Array.isArray((body as { Resources?: unknown }).Resources)
      ? (body as { Resources: unknown[] }).Resources
      : [];
  const out: T[] = [];
  for (const item of raw) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
  }
  return out;
}
