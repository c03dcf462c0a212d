/**
 * zod schemas for what SCIM servers send back. Tolerant: unknown attributes are kept, numbers
 * sent as strings are accepted; required facts (a resource's `id`) are checked.
 */
import { z } from "zod";
import type { ScimGroup, ScimResource, ScimUser } from "./types.js";

const id = z.union([z.string().min(1), z.number()]).transform(String);
const looseNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** Any resource: `id` required (RFC 7643 §3.1), everything else kept. */
export const resourceSchema = z.looseObject({ id });

export const userSchema = z.looseObject({ id, userName: z.string() });
export const groupSchema = z.looseObject({
  id,
  displayName: z.string().optional().default(""),
  members: z.array(z.looseObject({ value: id })).optional(),
});

/** Cast helpers: the zod output is structurally the public type (extra keys kept). */
export const asUser = (v: z.infer<typeof userSchema>): ScimUser => v as ScimUser;
export const asGroup = (v: z.infer<typeof groupSchema>): ScimGroup => v as ScimGroup;
export const asResource = (v: z.infer<typeof resourceSchema>): ScimResource => v as ScimResource;

const renameLowercaseResources = (v: unknown) => {
  if (v && typeof v === "object" && !("Resources" in v) && "resources" in v) {
    return { ...v, Resources: (v as { resources: unknown }).resources };
  }
  return v;
};

/**
 * ListResponse (RFC 7644 §3.4.2), with RFC 9865 `nextCursor`, whose items must each match `item`.
 * Some servers spell `Resources` in lower case; both are accepted.
 */
export function listOf<T>(item: z.ZodType<T>) {
  return z.preprocess(
    renameLowercaseResources,
    z.looseObject({
      totalResults: looseNumber.optional(),
      itemsPerPage: looseNumber.optional(),
      startIndex: looseNumber.optional(),
      Resources: z.array(item).optional().default([]),
      nextCursor: z.string().optional().nullable(),
      previousCursor: z.string().optional().nullable(),
    }),
  );
}

/** A ListResponse whose items are not checked (the probe only counts them). */
export const listResponseSchema = listOf(z.unknown());
export type ListResponse = z.infer<typeof listResponseSchema>;

/** SCIM error body, RFC 7644 §3.12 (`status` is a string there; numbers tolerated). */
export const errorBodySchema = z.looseObject({
  status: z.union([z.string(), z.number()]).optional(),
  scimType: z.string().optional(),
  detail: z.string().optional(),
});

/** ServiceProviderConfig, RFC 7643 §5, with RFC 9865 `pagination`. Every part optional. */
const supported = z.looseObject({ supported: z.boolean().optional() }).optional().catch(undefined);
export const serviceProviderConfigSchema = z.looseObject({
  patch: supported,
  bulk: z
    .looseObject({ supported: z.boolean().optional(), maxOperations: looseNumber.optional() })
    .optional()
    .catch(undefined),
  filter: z
    .looseObject({ supported: z.boolean().optional(), maxResults: looseNumber.optional() })
    .optional()
    .catch(undefined),
  changePassword: supported,
  sort: supported,
  etag: supported,
  pagination: z
    .looseObject({
      cursor: z.boolean().optional(),
      index: z.boolean().optional(),
      defaultPaginationMethod: z.string().optional(),
      defaultPageSize: looseNumber.optional(),
      maxPageSize: looseNumber.optional(),
    })
    .optional()
    .catch(undefined),
});
export type ServiceProviderConfig = z.infer<typeof serviceProviderConfigSchema>;

/** ResourceType, RFC 7643 §6. */
export const resourceTypeSchema = z.looseObject({
  name: z.string(),
  endpoint: z.string(),
  schema: z.string(),
  id: z.string().optional(),
  schemaExtensions: z
    .array(z.looseObject({ schema: z.string(), required: z.boolean().optional() }))
    .optional()
    .catch(undefined),
});
export type ResourceType = z.infer<typeof resourceTypeSchema>;

/** Schema attribute definition, RFC 7643 §7 (recursive through subAttributes). */
export interface SchemaAttribute {
  name: string;
  type?: string;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  description?: string;
  subAttributes?: SchemaAttribute[];
  [k: string]: unknown;
}
export const schemaAttributeSchema: z.ZodType<SchemaAttribute> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.string().optional(),
    multiValued: z.boolean().optional(),
    required: z.boolean().optional(),
    subAttributes: z.array(schemaAttributeSchema).optional(),
  }),
) as z.ZodType<SchemaAttribute>;

/** Schema resource, RFC 7643 §7. */
export const schemaSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  attributes: z.array(schemaAttributeSchema).default([]),
});
export type ScimSchema = z.infer<typeof schemaSchema>;

/** OAuth 2.0 token response, RFC 6749 §5.1. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: looseNumber.optional(),
});
