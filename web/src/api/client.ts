/**
 * The one fetch wrapper of the console. Every call is same-origin with the session cookie and sends
 * `X-Requested-With: smartlink`; a payload goes as JSON with `Content-Type: application/json`
 * (the server demands one of the two on cookie-authenticated writes as CSRF protection). Failures become an
 * {@link ApiError} parsed from `{ error: { code, message, details? } }` (DESIGN.md § HTTP API).
 */

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Query = Record<string, string | number | boolean | undefined | null>;

/** Builds `/api/...?a=b`, leaving out empty values. */
export function apiPath(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ""}`;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(
      res.status,
      typeof err.code === "string" ? err.code : "unknown",
      err.message,
      err.details,
    );
  }
  return new ApiError(res.status, "http.error", `Request failed: ${res.status} ${res.statusText}`);
}

/**
 * Calls the API and returns the parsed JSON (or `undefined` on 204). Bodyless writes (DELETE, PUT
 * of an assignment, POST …/deactivate) send no content type: Fastify rejects an empty JSON body,
 * and `X-Requested-With` satisfies the CSRF check.
 */
export async function api<T>(method: Method, path: string, options: { query?: Query; body?: unknown } = {}) {
  const headers: Record<string, string> = { Accept: "application/json", "X-Requested-With": "smartlink" };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(apiPath(path, options.query), { method, headers, body, credentials: "same-origin" });
  } catch (cause) {
    throw new ApiError(0, "network", `Cannot reach the server: ${(cause as Error).message}`);
  }
  if (!res.ok) throw await parseError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A readable message for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
