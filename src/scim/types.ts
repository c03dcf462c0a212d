/**
 * Public types of the SCIM 2.0 client (RFC 7643 resources, RFC 7644 protocol).
 * Nothing here knows about SmartLink.
 */

/** Injected time source, so backoff and `Retry-After` are testable without real sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How the client authenticates (RFC 7644 §2). */
export type ScimCredentials =
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | {
      /** OAuth 2.0 client credentials grant (RFC 6749 §4.4), token cached until shortly before expiry. */
      type: "oauth";
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope?: string;
      /** `basic` (client_secret_basic, default) or `post` (client_secret_post), RFC 6749 §2.3.1. */
      authMethod?: "basic" | "post";
    }
  | { type: "none" };

/** Retry policy; defaults: 4 attempts, 200 ms base, 10 s cap, 60 s total. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalMs: number;
}

/** One HTTP exchange as shown to the observer; bodies are deep-redacted. */
export interface ObserverEvent {
  method: string;
  /** Path relative to the origin, with the query string. */
  path: string;
  /** 0 when no response arrived (network error, timeout). */
  status: number;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
  requestBody: unknown;
  responseBody: unknown;
  error?: { category: string; message: string; status?: number; scimType?: string };
}

export type Observer = (event: ObserverEvent) => void;

/** `application/scim+json` (RFC 7644 §3.1) or plain `application/json` for targets that reject it. */
export type ScimContentType = "application/scim+json" | "application/json";

/** Pagination style: index (RFC 7644 §3.4.2.4) or cursor (RFC 9865). */
export type PaginationStyle = "index" | "cursor";

/** What a target really supports, from discovery and the capability probe. */
export interface Capabilities {
  patch: boolean;
  /** Filtering support (RFC 7644 §3.4.2.2): `eq` at least, `and` for compound filters, `sw` beyond. */
  filter: { eq: boolean; and: boolean; sw: boolean };
  pagination: PaginationStyle;
  /** Largest `count` the target honours; undefined when unknown. */
  maxPageSize: number | undefined;
  /** Whether `GET /Groups` (list) returns `members`; undefined when not probed. */
  groupListIncludesMembers: boolean | undefined;
  contentType: ScimContentType;
  /** DELETE /Users/{id} only deactivates (Slack-like); undefined when not probed. */
  deleteDeactivatesOnly: boolean | undefined;
  /** Where the facts came from. */
  source: "default" | "discovery" | "probe";
}

/** Generic SCIM resource: `id` checked, unknown attributes kept (RFC 7643 §3). */
export interface ScimResource {
  id: string;
  schemas?: string[];
  externalId?: string;
  meta?: { resourceType?: string; location?: string; version?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** Multi-valued attribute entry (RFC 7643 §2.4). */
export interface ScimMultiValue {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
  [k: string]: unknown;
}

/** SCIM User (RFC 7643 §4.1). */
export interface ScimUser extends ScimResource {
  userName: string;
  name?: { formatted?: string; familyName?: string; givenName?: string; [k: string]: unknown };
  displayName?: string;
  active?: boolean;
  emails?: ScimMultiValue[];
}

/** Group member (RFC 7643 §4.2). */
export interface ScimMember {
  value: string;
  display?: string;
  type?: string;
  $ref?: string;
}

/** SCIM Group (RFC 7643 §4.2). */
export interface ScimGroup extends ScimResource {
  displayName: string;
  members?: ScimMember[];
}

/** A resource as sent on create/replace: no `id`, no `meta`. */
export type NewUser = Omit<ScimUser, "id" | "meta"> & { id?: never };
export type NewGroup = Omit<ScimGroup, "id" | "meta"> & { id?: never };

/** One PATCH operation, RFC 7644 §3.5.2. */
export interface PatchOperation {
  op: "add" | "remove" | "replace";
  path?: string;
  value?: unknown;
}

export const SCHEMA_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCHEMA_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SCHEMA_ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const SCHEMA_PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCHEMA_LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCHEMA_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
