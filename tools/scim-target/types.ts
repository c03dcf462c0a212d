/**
 * Public types of the SCIM target simulator. The SCIM client engineer codes against exactly these
 * names; change them only together with `src/scim` tests.
 */

/** Quirk profiles, each modelled on documented behaviour of a real SCIM target. */
export type ProfileName =
  | "strict"
  | "aws"
  | "no-patch"
  | "patch-only"
  | "plain-json"
  | "no-discovery"
  | "slow"
  | "rate-limited"
  | "slack-like";

/** Probabilistic fault injection. Rates are 0..1 and drawn from a PRNG seeded by `seed`. */
export interface FaultConfig {
  /** Probability of a 500 on any request (default 0). */
  errorRate: number;
  /** Probability of a 429 with `Retry-After` (default 0). */
  rate429: number;
  /** Probability the server never answers (hangs until the client gives up or the target closes). */
  timeoutRate: number;
  /** Probability the connection is destroyed without a response. */
  resetRate: number;
  /** Probability of a success status with a truncated JSON body. */
  malformedJsonRate: number;
  /** Probability that a created/returned resource lacks `id`. */
  missingIdRate: number;
  /** Value sent in `Retry-After` on injected 429/503 (default 1). */
  retryAfterSeconds: number;
  /** PRNG seed so fault sequences are deterministic (default 1). */
  seed: number;
}

/** The kinds of deterministic failure {@link ScimTarget.failNext} can inject. */
export type FaultKind = "500" | "429" | "timeout" | "reset" | "malformed" | "missingId" | "503";

/** Options of {@link startScimTarget}. */
export interface StartOptions {
  /** 0 / undefined = random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer token required; default "secret". */
  token?: string;
  /** Also accept HTTP Basic when set. */
  basic?: { username: string; password: string };
  /** Also serve POST {root}/oauth/token (client_credentials) issuing bearer tokens. */
  oauth?: { clientId: string; clientSecret: string; tokenTtlSeconds?: number };
  /** Default "strict". */
  profile?: ProfileName;
  faults?: Partial<FaultConfig>;
  /** Added per request (profile "slow" defaults to 200). */
  latencyMs?: number;
  /** Profile "rate-limited" defaults to 10 per 1000 ms. */
  rateLimit?: { requests: number; windowMs: number; retryAfterSeconds?: number };
  /** Cap on `count` (default 1000; aws 100). */
  maxPageSize?: number;
  /** Cap on member operations per PATCH (aws 100; default unlimited). */
  maxMembersPerPatch?: number;
}

/** One request as the target saw it. `status` is 0 when no response was sent (timeout, reset). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}

/** Resource metadata, RFC 7643 §3.1. */
export interface ScimMeta {
  resourceType: "User" | "Group";
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

/** A multi-valued attribute entry (emails, phoneNumbers, …), RFC 7643 §2.4. */
export interface MultiValue {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
  [k: string]: unknown;
}

/** A SCIM User as stored (RFC 7643 §4.1); unknown attributes are kept. */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name?: { formatted?: string; familyName?: string; givenName?: string; [k: string]: unknown };
  displayName?: string;
  active?: boolean;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  meta: ScimMeta;
  [k: string]: unknown;
}

/** A group member reference, RFC 7643 §4.2. */
export interface GroupMember {
  value: string;
  display?: string;
  $ref?: string;
  type?: string;
}

/** A SCIM Group as stored (RFC 7643 §4.2). */
export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: GroupMember[];
  meta: ScimMeta;
  [k: string]: unknown;
}

/** A running simulator. */
export interface ScimTarget {
  /** Base URL, e.g. http://127.0.0.1:PORT/scim/v2 (no trailing slash). */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  profile: ProfileName;
  /** Every request, in arrival order; the authorization header value is "<redacted>". */
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Change fault rates at run time (merged into the current config; a new seed restarts the PRNG). */
  setFaults(f: Partial<FaultConfig>): void;
  /** Deterministic: the next n matching requests fail that way. Queued rules are consumed in order. */
  failNext(n: number, kind: FaultKind, match?: { method?: string; pathPrefix?: string }): void;
  /** Synchronous bulk seeding; 100,000 users in well under 2 s. */
  seedUsers(count: number, make?: (i: number) => Partial<ScimUser>): void;
  seedGroups(count: number, make?: (i: number) => Partial<ScimGroup>): void;
  /** Current state (copies of the stored arrays, resources themselves are live objects). */
  users(): ScimUser[];
  groups(): ScimGroup[];
  /** Drop all resources, requests, faults (the profile's own settings stay). */
  reset(): void;
  close(): Promise<void>;
}
