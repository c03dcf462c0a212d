/**
 * The one SCIM error type and the one function that decides what a failure means.
 * Categories say what to do next (CONVENTIONS §7): retry, link, park, or stop the target.
 */

/** What the caller should do with a failure. */
export type ScimErrorCategory =
  /** Retry later: 429, 5xx (but 501), network resets and timeouts, malformed success responses. */
  | "transient"
  /** 404: the resource is not there (a delete treats this as success). */
  | "notFound"
  /** 409 (e.g. `uniqueness`) or 412: find the existing resource and link it. */
  | "conflict"
  /** The target refuses this request as sent (400, 405, 413, 501, …): park it and show it. */
  | "rejected"
  /** The target as configured cannot work: 401/403, bad URL, DNS failure, TLS. Stop this target. */
  | "config";

/** Inputs to {@link classify}: an HTTP status, or a network error code when no response came. */
export interface FailureFacts {
  status?: number;
  scimType?: string;
  /** Node/undici error code (`ECONNRESET`, `UND_ERR_SOCKET`, `ENOTFOUND`, `timeout`, …). */
  networkCode?: string;
}

const CONFIG_NETWORK = new Set([
  "ENOTFOUND",
  "ERR_INVALID_URL",
  "UND_ERR_INVALID_ARG",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * THE mapping from status + scimType + network error to a category (RFC 7644 §3.12).
 * Every failure in the client goes through here and nowhere else.
 */
export function classify(f: FailureFacts): ScimErrorCategory {
  if (f.status === undefined || f.status === 0) {
    return f.networkCode && CONFIG_NETWORK.has(f.networkCode) ? "config" : "transient";
  }
  const s = f.status;
  if (s === 401 || s === 403) return "config";
  if (s === 404) return "notFound";
  if (s === 409 || s === 412) return "conflict";
  if (s === 400 && f.scimType === "uniqueness") return "conflict";
  if (s === 408 || s === 429) return "transient";
  if (s === 501) return "rejected";
  if (s >= 500) return "transient";
  return "rejected";
}

/** Fields of a {@link ScimError}. */
export interface ScimErrorInit {
  category: ScimErrorCategory;
  status?: number;
  scimType?: string;
  detail?: string;
  method?: string;
  path?: string;
  networkCode?: string;
}

/**
 * A failed SCIM call (RFC 7644 §3.12). Carries no request headers, credentials or bodies:
 * safe to log, serialise and show.
 */
export class ScimError extends Error {
  override readonly name = "ScimError";
  readonly category: ScimErrorCategory;
  readonly status: number | undefined;
  readonly scimType: string | undefined;
  readonly detail: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly networkCode: string | undefined;

  constructor(init: ScimErrorInit) {
    const where = init.method ? `${init.method} ${init.path ?? ""}`.trim() : "SCIM request";
    const what = init.status ? `HTTP ${init.status}` : (init.networkCode ?? "network error");
    const extra = [init.scimType, init.detail].filter(Boolean).join(": ");
    super(`${where} failed (${init.category}): ${what}${extra ? ` ${extra}` : ""}`);
    this.category = init.category;
    this.status = init.status;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.method = init.method;
    this.path = init.path;
    this.networkCode = init.networkCode;
  }

  /** Builds the error from facts, choosing the category with {@link classify}. */
  static from(facts: Omit<ScimErrorInit, "category">): ScimError {
    return new ScimError({ ...facts, category: classify(facts) });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      category: this.category,
      status: this.status,
      scimType: this.scimType,
      detail: this.detail,
    };
  }
}

/** True when `err` is a {@link ScimError} of one of the given categories. */
export function isScimError(err: unknown, ...categories: ScimErrorCategory[]): err is ScimError {
  return err instanceof ScimError && (categories.length === 0 || categories.includes(err.category));
}
