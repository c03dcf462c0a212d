/**
 * THE request function of the SCIM client: auth, headers, timeouts, retries with backoff and
 * `Retry-After`, adaptive concurrency, status → error mapping, tolerant parsing and the observer.
 * Every SCIM call in this folder goes through {@link scimRequest}.
 */
import { type Dispatcher, request } from "undici";
import type { z } from "zod";
import type { AuthProvider } from "./auth.js";
import type { AdaptiveLimiter } from "./concurrency.js";
import { ScimError } from "./errors.js";
import { redact, scrub } from "./redact.js";
import { nextDelay, parseRetryAfter } from "./retry.js";
import type { Clock, Observer, RetryPolicy, ScimContentType } from "./types.js";
import { errorBodySchema } from "./wire.js";

/** Shared, per-client state the request function works with. */
export interface RequestContext {
  /** `http://host:port` */
  origin: string;
  /** Base path without trailing slash, e.g. `/scim/v2`. */
  basePath: string;
  auth: AuthProvider;
  limiter: AdaptiveLimiter;
  dispatcher: Dispatcher;
  clock: Clock;
  random: () => number;
  retry: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  observer: Observer | undefined;
  /** Content-Type for bodies; switched to `application/json` when the target answers 415. */
  contentType: ScimContentType;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One logical SCIM call (possibly several HTTP attempts). */
export interface RequestSpec<T> {
  method: Method;
  /** Relative to the base URL, starting with `/`: `/Users/123`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Validates a 2xx JSON body; a mismatch is a `transient` error with scimType `invalidResponse`. */
  schema?: z.ZodType<T>;
  /** A 2xx with an empty body resolves undefined instead of failing validation (PUT/PATCH on some targets). */
  emptyBodyOk?: boolean;
  /** Overrides the client's policy for this call (the probe uses one attempt). */
  retry?: Partial<RetryPolicy>;
  /**
   * Runs before each re-send after a failed attempt; a defined result ends the call with it.
   * Creates use it to look the resource up instead of POSTing twice.
   */
  beforeRetry?: (lastError: ScimError) => Promise<T | undefined>;
  /** A 409 on a re-sent request: a defined result ends the call with it (our first try landed). */
  onRetriedConflict?: (error: ScimError) => Promise<T | undefined>;
  /** Extra request headers, e.g. `If-Match` (RFC 7644 §3.14). */
  headers?: Record<string, string>;
  /** Receives the `ETag` header of a successful response (RFC 7644 §3.14). */
  onEtag?: (etag: string) => void;
}

/** The outcome of one HTTP exchange. */
type Attempt<T> =
  | { ok: true; status: number; value: T | undefined }
  | { ok: false; error: ScimError; retryAfterMs: number | undefined };

/** Sends `spec`, retrying transient failures; resolves the parsed body (undefined for no content). */
export async function scimRequest<T = unknown>(ctx: RequestContext, spec: RequestSpec<T>): Promise<T> {
  const policy = { ...ctx.retry, ...spec.retry };
  const started = ctx.clock.now();
  const relPath = ctx.basePath + spec.path + queryString(spec.query);
  let authRefreshed = false;
  let contentTypeSwitched = false;
  let lastError: ScimError | undefined;
  for (let attempt = 1; ; attempt++) {
    if (lastError && spec.beforeRetry) {
      const found = await spec.beforeRetry(lastError).catch(() => undefined);
      if (found !== undefined) return found;
    }
    const release = await ctx.limiter.acquire();
    let outcome: Attempt<T>;
    try {
      outcome = await sendOnce(ctx, spec, relPath, attempt);
    } finally {
      release();
    }
    if (outcome.ok) {
      ctx.limiter.onSuccess();
      return outcome.value as T;
    }
    const err = outcome.error;
    if (err.status === 429) ctx.limiter.onThrottle();
    // A 401 with a cached OAuth token: fetch a new token and resend, once, without counting it.
    if (err.status === 401 && !authRefreshed && ctx.auth.invalidate()) {
      authRefreshed = true;
      attempt--;
      continue;
    }
    // Target rejects `application/scim+json` bodies: speak plain JSON from now on (RFC 7644 §3.1 allows both).
    if (
      err.status === 415 &&
      spec.body !== undefined &&
      !contentTypeSwitched &&
      ctx.contentType !== "application/json"
    ) {
      ctx.contentType = "application/json";
      contentTypeSwitched = true;
      attempt--;
      continue;
    }
    if (err.category === "conflict" && attempt > 1 && spec.onRetriedConflict) {
      const found = await spec.onRetriedConflict(err).catch(() => undefined);
      if (found !== undefined) return found;
    }
    if (err.category !== "transient" || attempt >= policy.maxAttempts) throw err;
    const delay = nextDelay(policy, attempt, ctx.clock.now() - started, outcome.retryAfterMs, ctx.random);
    if (delay === undefined) throw err;
    lastError = err;
    if (delay > 0) await ctx.clock.sleep(delay);
  }
}

async function sendOnce<T>(
  ctx: RequestContext,
  spec: RequestSpec<T>,
  relPath: string,
  attempt: number,
): Promise<Attempt<T>> {
  const headers: Record<string, string> = {
    accept: "application/scim+json, application/json",
    "user-agent": ctx.userAgent,
    ...spec.headers,
  };
  const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  if (bodyText !== undefined) headers["content-type"] = ctx.contentType;
  const secrets = () => ctx.auth.secrets();
  const t0 = performance.now();
  let status = 0;
  let responseBody: unknown;
  let result: Attempt<T>;
  try {
    const authorization = await ctx.auth.header();
    if (authorization) headers.authorization = authorization;
    const res = await request(ctx.origin + relPath, {
      method: spec.method,
      headers,
      body: bodyText,
      dispatcher: ctx.dispatcher,
      // undici's own timers (time to response headers, then idle time between body chunks) rather
      // than an AbortSignal.timeout per request: the signal costs a timer and listeners per call,
      // measurable at thousands of requests per second (bench/scim-client.bench.ts).
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
    status = res.statusCode;
    const text = await res.body.text();
    responseBody = parseJson(text);
    result = interpret(ctx, spec, status, text, responseBody, res.headers["retry-after"]);
    const etag = res.headers.etag;
    if (result.ok && spec.onEtag && typeof etag === "string") spec.onEtag(etag);
  } catch (err) {
    // A ScimError here comes from the token endpoint (auth.ts), already classified.
    const error = err instanceof ScimError ? err : networkError(err, spec.method, ctx.basePath + spec.path);
    result = { ok: false, error, retryAfterMs: undefined };
  }
  if (ctx.observer) {
    const s = secrets();
    const event = {
      method: spec.method,
      path: scrub(relPath, s),
      status,
      durationMs: performance.now() - t0,
      attempt,
      requestBody: redact(spec.body, s),
      responseBody: responseBody === NOT_JSON ? "[not JSON]" : redact(responseBody, s),
      ...(result.ok
        ? {}
        : {
            error: {
              category: result.error.category,
              message: result.error.message,
              status: result.error.status,
              scimType: result.error.scimType,
            },
          }),
    };
    try {
      ctx.observer(event);
    } catch {
      // An observer that throws must not change the outcome of the request.
    }
  }
  return result;
}

function interpret<T>(
  ctx: RequestContext,
  spec: RequestSpec<T>,
  status: number,
  text: string,
  body: unknown,
  retryAfter: string | string[] | undefined,
): Attempt<T> {
  const base = { method: spec.method, path: ctx.basePath + spec.path };
  if (status >= 200 && status < 300) {
    if (!spec.schema) return { ok: true, status, value: (body === NOT_JSON ? undefined : body) as T };
    if (status === 204 || (spec.emptyBodyOk && text === "")) return { ok: true, status, value: undefined };
    // A 2xx body we cannot read is treated as transient: proxies truncate, and for a create the
    // retry path looks the resource up first, so a create that did land is found, not duplicated.
    if (body === NOT_JSON || text === "") {
      return {
        ok: false,
        error: new ScimError({
          ...base,
          category: "transient",
          status,
          scimType: "invalidResponse",
          detail: "response body is not JSON",
        }),
        retryAfterMs: undefined,
      };
    }
    const parsed = spec.schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = `response does not match the expected shape${first ? ` at ${first.path.join(".") || "(root)"}: ${first.message}` : ""}`;
      return {
        ok: false,
        error: new ScimError({ ...base, category: "transient", status, scimType: "invalidResponse", detail }),
        retryAfterMs: undefined,
      };
    }
    return { ok: true, status, value: parsed.data };
  }
  const e = errorBodySchema.safeParse(body);
  const detail = e.success ? e.data.detail : text ? text.slice(0, 200) : undefined;
  const error = ScimError.from({
    ...base,
    status,
    scimType: e.success ? e.data.scimType : undefined,
    detail: detail === undefined ? undefined : scrub(detail, ctx.auth.secrets()),
  });
  return { ok: false, error, retryAfterMs: parseRetryAfter(retryAfter, ctx.clock.now()) };
}

const NOT_JSON = Symbol("not json");

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Normalises undici/Node network failures to a code; the original error is dropped (it may hold headers). */
function networkError(err: unknown, method: string, path: string): ScimError {
  const e = err as { code?: string; name?: string; cause?: { code?: string } };
  let code = e.code ?? e.cause?.code ?? e.name ?? "network";
  if (e.name === "TimeoutError" || e.name === "AbortError" || code === "UND_ERR_ABORTED") code = "timeout";
  if (code.endsWith("_TIMEOUT")) code = "timeout";
  if (err instanceof TypeError && /invalid url/i.test(String((err as Error).message)))
    code = "ERR_INVALID_URL";
  return ScimError.from({ method, path, networkCode: code });
}

function queryString(query: RequestSpec<unknown>["query"]): string {
  if (!query) return "";
  // encodeURIComponent (spaces as %20), not URLSearchParams (spaces as "+"): several targets
  // decode query strings without the form-encoding rule and would read `userName+eq+"x"`.
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}
