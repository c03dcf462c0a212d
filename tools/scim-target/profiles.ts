import type { ProfileName, StartOptions } from "./types.js";

/** Everything that varies between profiles, resolved once at start so handlers test plain flags. */
export interface Behaviour {
  profile: ProfileName;
  /** Reject unknown/missing `schemas`, wrong types, invalid PATCH paths (strict RFC reading). */
  strictSchemas: boolean;
  patch: boolean;
  put: boolean;
  discovery: boolean;
  search: boolean;
  /** Only `eq` and `and` are accepted in filters (AWS IAM Identity Center). */
  filterEqAndOnly: boolean;
  /** Offer RFC 9865 cursor pagination. */
  cursorPagination: boolean;
  /** `GET /Groups` omits `members` (AWS). */
  listGroupsWithoutMembers: boolean;
  maxEmails: number;
  maxPageSize: number;
  maxMembersPerPatch: number;
  /** Responses use `application/json`, and `application/scim+json` request bodies get 415. */
  plainJson: boolean;
  /** DELETE /Users/:id only deactivates (Slack). */
  softDeleteUsers: boolean;
  latencyMs: number;
  rateLimit?: { requests: number; windowMs: number; retryAfterSeconds: number };
}

/**
 * Resolves a profile plus explicit options into {@link Behaviour}. Explicit options win over the
 * profile's defaults (e.g. `profile: "slow", latencyMs: 50`).
 */
export function resolveBehaviour(opts: StartOptions): Behaviour {
  const profile = opts.profile ?? "strict";
  const aws = profile === "aws";
  const rl = opts.rateLimit ?? (profile === "rate-limited" ? { requests: 10, windowMs: 1000 } : undefined);
  return {
    profile,
    strictSchemas: profile === "strict",
    patch: profile !== "no-patch",
    put: profile !== "patch-only",
    discovery: profile !== "no-discovery",
    search: !aws,
    filterEqAndOnly: aws,
    cursorPagination: aws,
    listGroupsWithoutMembers: aws,
    maxEmails: aws ? 1 : Number.POSITIVE_INFINITY,
    maxPageSize: opts.maxPageSize ?? (aws ? 100 : 1000),
    maxMembersPerPatch: opts.maxMembersPerPatch ?? (aws ? 100 : Number.POSITIVE_INFINITY),
    plainJson: profile === "plain-json",
    softDeleteUsers: profile === "slack-like",
    latencyMs: opts.latencyMs ?? (profile === "slow" ? 200 : 0),
    ...(rl ? { rateLimit: { retryAfterSeconds: 1, ...rl } } : {}),
  };
}
