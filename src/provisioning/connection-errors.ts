/**
 * Turns a failed connection test into words an admin can act on. The SCIM client classifies
 * failures (src/scim/errors.ts); here each becomes a stable code and a sentence that says what to
 * check. Nothing here echoes the token.
 */
import { DomainError } from "../errors.js";
import { isScimError } from "../scim/index.js";

const TLS = /^(CERT_|DEPTH_ZERO|UNABLE_TO_|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO$)/;
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (nothing listens on that port)",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved right now",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ECONNRESET: "the connection was reset",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
};

/** A connection failure as a 400 `DomainError` with code `connection.*`. */
export function explainConnectionError(err: unknown, baseUrl: string): DomainError {
  const host = safeHost(baseUrl);
  if (!isScimError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new DomainError("invalid", "connection.failed", `Could not connect to ${host}: ${message}`);
  }
  const details = { status: err.status ?? null, scimType: err.scimType ?? null, detail: err.detail ?? null };
  const fail = (code: string, message: string) =>
    new DomainError("invalid", `connection.${code}`, message, details);
  const net = err.networkCode;
  if (!err.status && net) {
    if (net === "timeout") {
      return fail("timeout", `${host} did not answer in time: check the URL and that the service is up`);
    }
    if (TLS.test(net)) {
      return fail(
        "tls",
        `The TLS certificate of ${host} is not trusted (${net}): fix the certificate or the URL`,
      );
    }
    if (net === "ERR_INVALID_URL") return fail("invalid_url", `The base URL is not a valid URL`);
    const why = UNREACHABLE[net] ?? `the request failed (${net})`;
    return fail("unreachable", `Could not reach ${host}: ${why}`);
  }
  switch (err.status) {
    case 401:
      return fail(
        "unauthorized",
        `${host} refused the credentials (HTTP 401): check that the token is correct, complete and not expired`,
      );
    case 403:
      return fail(
        "forbidden",
        `${host} accepted the credentials but refused access (HTTP 403): give the token SCIM provisioning rights`,
      );
    case 404:
    case 405:
      return fail(
        "not_scim",
        `No SCIM endpoint answered at ${baseUrl} (HTTP ${err.status} on ${err.method ?? "GET"} ${err.path ?? ""}): check the base URL, it usually ends in /scim/v2`,
      );
    default:
      break;
  }
  if (err.scimType === "invalidResponse") {
    return fail(
      "not_scim",
      `${host} answered, but not as a SCIM 2.0 service (${err.detail ?? "unexpected response"}): check the base URL`,
    );
  }
  if (err.status && err.status >= 500) {
    return fail("target_error", `${host} failed while being tested (HTTP ${err.status}): try again later`);
  }
  return fail(
    "rejected",
    `${host} rejected the connection test (HTTP ${err.status ?? "?"}${err.detail ? `: ${err.detail}` : ""})`,
  );
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return "the target";
  }
}
