/**
 * zod schemas of the /api/applications/:id/provisioning routes: params, bodies and responses.
 */
import { z } from "zod";
import {
  AccessViaSchema,
  FolderSchema,
  Id,
  ListOf,
  PageQuerySchema,
  UserSchema,
} from "../directory/index.js";
import { userMappingSchema as UserMapping } from "./mapping/index.js";

/** SCIM ids are opaque strings chosen by the target (RFC 7643 §3.1). */
const ScimId = z.string().min(1).max(1024).describe("the id the target gave the resource");

export const AppParams = z.strictObject({ id: Id });
export const AccountParams = z.strictObject({ id: Id, accountId: ScimId });
export const GroupParams = z.strictObject({ id: Id, groupId: ScimId });
export const UserParams = z.strictObject({ id: Id, userId: Id });
export const FolderParams = z.strictObject({ id: Id, folderId: Id });

const Secret = z.string().min(1, "must not be empty").max(8192);
const HttpUrl = z.string().trim().min(1).max(2048);

export const ConnectionAuth = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("bearer"), token: Secret }),
  z.strictObject({ type: z.literal("basic"), username: z.string().min(1).max(512), password: Secret }),
  z.strictObject({
    type: z.literal("oauth"),
    tokenUrl: HttpUrl,
    clientId: z.string().min(1).max(512),
    clientSecret: Secret,
    scope: z.string().max(1024).optional(),
    authMethod: z.enum(["basic", "post"]).optional(),
  }),
]);

export const ConnectBody = z.strictObject({
  baseUrl: HttpUrl.describe("SCIM base URL, e.g. https://app.example.com/scim/v2"),
  token: Secret.optional().describe("Bearer token; write-only. Omit to keep the stored credentials"),
  auth: ConnectionAuth.optional().describe("Basic or OAuth client credentials instead of a token"),
});

const Capabilities = z.object({
  patch: z.boolean(),
  filter: z.object({ eq: z.boolean(), and: z.boolean(), sw: z.boolean() }),
  pagination: z.enum(["index", "cursor"]),
  maxPageSize: z.number().optional(),
  groupListIncludesMembers: z.boolean().optional(),
  contentType: z.string(),
  deleteDeactivatesOnly: z.boolean().optional(),
  source: z.string(),
});

export const ConnectionView = z
  .object({
    baseUrl: z.string().nullable(),
    authType: z.enum(["bearer", "basic", "oauth"]).nullable(),
    tokenSet: z.boolean(),
    status: z.enum(["connected", "failed", "disconnected"]),
    verifiedAt: z.string().nullable(),
    capabilities: Capabilities.nullable(),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    username: z.string().nullable(),
    clientId: z.string().nullable(),
    tokenUrl: z.string().nullable(),
    targetChanged: z.boolean().optional(),
  })
  .describe("Connection (never the secret)");

export const AccountsQuery = PageQuerySchema.extend({
  filter: z.enum(["all", "linked", "unlinked", "vanished"]).default("all"),
});
export const GroupsQuery = PageQuerySchema.extend({
  filter: z.enum(["all", "linked", "unlinked"]).default("all"),
});

const LinkedUser = z.object({
  id: z.string(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
});
const Reason = z.enum(["userName", "email", "externalId"]);

export const AccountRow = z
  .object({
    id: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    emails: z.array(z.unknown()),
    active: z.boolean(),
    externalId: z.string().nullable(),
    seenAt: z.string(),
    vanishedAt: z.string().nullable(),
    linkedUser: LinkedUser.nullable(),
    suggestedUser: z.object({ id: z.string(), email: z.string(), reason: Reason }).nullable(),
  })
  .describe("Account row");

export const Suggestion = z.object({
  accountId: z.string(),
  userName: z.string(),
  user: z.object({ id: z.string(), email: z.string() }),
  reason: Reason,
});

export const AssociateBody = z.strictObject({ userId: Id });
export const AssociateSuggestedBody = z.strictObject({
  pairs: z
    .array(z.strictObject({ accountId: ScimId, userId: Id }))
    .max(10_000)
    .optional()
    .describe("Omit to accept every current suggestion"),
});
export const AssociateFolderBody = z.strictObject({ folderId: Id });

export const GroupRow = z
  .object({
    id: z.string(),
    displayName: z.string(),
    externalId: z.string().nullable(),
    memberCount: z.number().int().nullable(),
    seenAt: z.string(),
    vanishedAt: z.string().nullable(),
    linkedFolder: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .describe("Group row");

const Presence = z.enum(["linked", "matched", "vanished", "absent"]);

export const AccessRow = z
  .object({
    user: UserSchema,
    via: z.array(AccessViaSchema),
    presentInApp: z.boolean(),
    presence: Presence,
    accountId: z.string().nullable(),
    /** The linked (or matching) account's userName; null when none or not read yet. */
    accountUserName: z.string().nullable(),
    accountActive: z.boolean().nullable(),
  })
  .describe("Access row");

export const FolderRow = z
  .object({
    folder: FolderSchema,
    presentInApp: z.boolean(),
    presence: Presence,
    groupId: z.string().nullable(),
    /** The linked (or same-named) group's displayName. */
    groupName: z.string().nullable(),
    groupMemberCount: z.number().int().nullable(),
  })
  .describe("Folder row");

/** A page of a snapshot (accounts, groups) with when it was last read completely (null: never). */
export const SnapshotPage = <T extends z.ZodTypeAny>(row: T) =>
  ListOf(row).extend({ readAt: z.string().nullable() });

export const JobAccepted = z.object({ jobId: z.number().int(), started: z.boolean() });

export const MappingView = z.object({ user: UserMapping, defaults: UserMapping });
export const MappingBody = z.strictObject({ user: UserMapping });

export const SchemaView = z.looseObject({
  fetchedAt: z.string().nullable(),
  schemas: z.array(z.unknown()),
  resourceTypes: z.array(z.unknown()),
  serviceProviderConfig: z.unknown().nullable(),
  fallback: z.object({
    serviceProviderConfig: z.boolean(),
    resourceTypes: z.boolean(),
    schemas: z.boolean(),
  }),
  capabilities: Capabilities.nullable(),
  history: z.array(z.object({ id: z.number().int(), fetchedAt: z.string() })),
  changed: z.boolean().optional(),
});

export const ActivityQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(["failed", "ok"]).optional(),
  operation: z.string().max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export const ActivityEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({
    type: z.enum(["admin", "event", "system"]),
    id: z.string().nullable(),
    label: z.string().nullable(),
  }),
  operation: z.string(),
  method: z.string(),
  path: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  status: z.number().int(),
  durationMs: z.number().int(),
  attempt: z.number().int(),
  ok: z.boolean(),
  error: z.string().nullable(),
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
});
