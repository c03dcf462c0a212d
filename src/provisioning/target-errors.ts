/**
 * SCIM failures during an action, as domain errors with words an admin can act on. The client's
 * categories (src/scim/errors.ts) decide the status: a missing resource is a 404, a conflict a 409,
 * anything else the target did is a 502 `target.*`.
 */
import { DomainError } from "../errors.js";
import { isScimError } from "../scim/index.js";

/** `what` completes "… while {what}", e.g. "creating the account of jane@example.com". */
export function targetError(err: unknown, appName: string, what: string): unknown {
  if (!isScimError(err)) return err;
  const why = [err.status ? `HTTP ${err.status}` : (err.networkCode ?? "no answer"), err.scimType, err.detail]
    .filter(Boolean)
    .join(": ");
  const details = { status: err.status ?? null, scimType: err.scimType ?? null, category: err.category };
  switch (err.category) {
    case "notFound":
      return new DomainError(
        "not_found",
        "target.not_found",
        `${appName} no longer has it (${why}) while ${what}`,
        details,
      );
    case "conflict":
      return new DomainError(
        "conflict",
        "target.conflict",
        `${appName} reported a conflict while ${what} (${why})`,
        details,
      );
    case "config":
      return new DomainError(
        "upstream",
        "target.unauthorized",
        `${appName} refused SmartLink's credentials while ${what} (${why}): check the Configuration tab`,
        details,
      );
    case "transient":
      return new DomainError(
        "upstream",
        "target.unavailable",
        `${appName} did not answer properly while ${what}, even after retries (${why}): try again later`,
        details,
      );
    default:
      return new DomainError("upstream", "target.rejected", `${appName} rejected ${what} (${why})`, details);
  }
}
