/**
 * `/api/applications/:id/provisioning/schema` and `…/mapping` (DESIGN.md § HTTP API): the SCIM
 * schema the target returned and the attribute mapping (SmartLink user → SCIM User) validated
 * against it. Shapes mirror `SchemaView`, `MappingView` and `MappingBody` in
 * src/provisioning/provisioning.schema.ts, the mapping ones src/provisioning/mapping/model.ts and
 * `MappingIssue` in src/provisioning/mapping/validate.ts.
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { provisioningKey, type ScimCapabilities } from "./provisioning";
import { useInvalidatingMutation } from "./resource";

/** One attribute of a SCIM schema (RFC 7643 §7); targets may leave out any characteristic. */
export interface ScimAttribute {
  name: string;
  type?: string;
  multiValued?: boolean;
  required?: boolean;
  mutability?: string;
  description?: string;
  canonicalValues?: string[];
  subAttributes?: ScimAttribute[];
}

/** A `/Schemas` resource (RFC 7643 §7). */
export interface ScimSchema {
  id: string;
  name?: string;
  description?: string;
  attributes?: ScimAttribute[];
}

/** A `/ResourceTypes` resource (RFC 7643 §6). */
export interface ScimResourceType {
  id?: string;
  name?: string;
  endpoint?: string;
  schema?: string;
  schemaExtensions?: { schema: string; required?: boolean }[];
}

/** `GET …/schema` (mirrors `SchemaView`); the server passes the target's documents through. */
export interface SchemaView {
  fetchedAt: string | null;
  schemas: ScimSchema[];
  resourceTypes: ScimResourceType[];
  serviceProviderConfig: unknown;
  /** True where the target did not publish the document and SmartLink used the RFC's instead. */
  fallback: { serviceProviderConfig: boolean; resourceTypes: boolean; schemas: boolean };
  capabilities: ScimCapabilities | null;
  history: { id: number; fetchedAt: string }[];
  /** Set by a refresh: whether the document differs from the previous one. */
  changed?: boolean;
}

/** The SmartLink user fields a mapping can read, besides `attributes.<key>` (mirrors `USER_FIELDS`). */
export const USER_FIELDS = ["email", "firstName", "lastName", "displayName", "active", "id"] as const;

/** Where a value comes from (mirrors `mappingSourceSchema`). */
export type MappingSource =
  | { type: "attribute"; attribute: string }
  | { type: "constant"; value: string | number | boolean };

/** One mapping line; `target` is a SCIM attribute path (mirrors `mappingEntrySchema`). */
export interface MappingEntry {
  target: string;
  source: MappingSource;
}

/** `GET`/`PUT …/mapping` (mirrors `MappingView`). */
export interface MappingView {
  user: MappingEntry[];
  defaults: MappingEntry[];
}

/** One problem in a 400 `mapping.invalid`'s `details.issues` (mirrors `MappingIssue`). */
export interface MappingIssue {
  /** The entry's position in the mapping sent, null for the mapping as a whole. */
  index: number | null;
  target: string;
  code: string;
  message: string;
}

export const schemaKey = (appId: string) => [...provisioningKey(appId), "schema"] as const;
export const mappingKey = (appId: string) => [...provisioningKey(appId), "mapping"] as const;

const base = (appId: string) => `/applications/${appId}/provisioning`;

/** `GET …/schema`. */
export const useSchema = (appId: string) =>
  useQuery({ queryKey: schemaKey(appId), queryFn: () => api<SchemaView>("GET", `${base(appId)}/schema`) });

/** `POST …/schema/refresh`: reads the target's discovery documents again. */
export const useRefreshSchema = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], () =>
    api<SchemaView>("POST", `${base(appId)}/schema/refresh`),
  );

/** `GET …/mapping`: the mapping in force and the default one. */
export const useMapping = (appId: string) =>
  useQuery({ queryKey: mappingKey(appId), queryFn: () => api<MappingView>("GET", `${base(appId)}/mapping`) });

/** `PUT …/mapping`: nothing is saved when any entry does not fit the target's schema. */
export const useSaveMapping = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], (user: MappingEntry[]) =>
    api<MappingView>("PUT", `${base(appId)}/mapping`, { body: { user } }),
  );
