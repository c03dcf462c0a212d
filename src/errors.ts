/**
 * Domain errors carry a stable `code` (e.g. `user.not_found`) and a `kind` that says what the caller
 * should do next. The HTTP layer maps `kind` to a status in one place (src/http/errors.ts); nothing
 * below the routes knows about HTTP.
 */
export type ErrorKind =
  | "invalid" // the input is wrong: fix it and retry (400)
  | "unauthenticated" // log in first (401)
  | "forbidden" // not allowed (403)
  | "not_found" // the thing does not exist (404)
  | "conflict" // clashes with current state, e.g. a duplicate email (409)
  | "too_large" // body or batch too big (413)
  | "rate_limited" // slow down (429)
  | "upstream" // the remote system (a SCIM target) failed or refused (502)
  | "unavailable"; // a dependency is down (503)

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** `notFound("user", id)` → `user.not_found`: "No user with id …". */
export function notFound(entity: string, id: string): DomainError {
  return new DomainError("not_found", `${entity}.not_found`, `No ${entity} with id "${id}"`, { id });
}

export function conflict(code: string, message: string, details?: unknown): DomainError {
  return new DomainError("conflict", code, message, details);
}

export function invalid(code: string, message: string, details?: unknown): DomainError {
  return new DomainError("invalid", code, message, details);
}
