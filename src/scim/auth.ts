/**
 * Credentials → `Authorization` header. OAuth 2.0 client credentials (RFC 6749 §4.4) tokens are
 * cached and refreshed shortly before expiry, or when the caller reports a 401 (once per request).
 */
import { type Dispatcher, request } from "undici";
import { classify, ScimError } from "./errors.js";
import type { Clock, ScimCredentials } from "./types.js";
import { tokenResponseSchema } from "./wire.js";

/** Supplies the header and knows every secret string it handles (for scrubbing). */
export interface AuthProvider {
  header(): Promise<string | undefined>;
  /** Forget a cached token (after a 401). Returns whether a fresh token can be fetched. */
  invalidate(): boolean;
  /** Every secret the provider holds right now: scrubbed from logs and errors. */
  secrets(): string[];
}

/** Refresh this long before the token's announced expiry (or 10% of its lifetime, if shorter). */
const REFRESH_SKEW_MS = 30_000;

/** Builds the provider for `credentials`. `dispatcher` is the client's keep-alive agent. */
export function createAuth(
  credentials: ScimCredentials,
  opts: { clock: Clock; dispatcher: Dispatcher; timeoutMs: number; userAgent: string },
): AuthProvider {
  switch (credentials.type) {
    case "none":
      return { header: async () => undefined, invalidate: () => false, secrets: () => [] };
    case "bearer": {
      const value = `Bearer ${credentials.token}`;
      return { header: async () => value, invalidate: () => false, secrets: () => [credentials.token] };
    }
    case "basic": {
      const encoded = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
      return {
        header: async () => `Basic ${encoded}`,
        invalidate: () => false,
        secrets: () => [credentials.password, encoded],
      };
    }
    case "oauth":
      return oauthProvider(credentials, opts);
  }
}

function oauthProvider(
  c: Extract<ScimCredentials, { type: "oauth" }>,
  opts: { clock: Clock; dispatcher: Dispatcher; timeoutMs: number; userAgent: string },
): AuthProvider {
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  // Tokens issued earlier may still sit in in-flight requests: keep scrubbing the last few.
  const issued: string[] = [];
  const basic = Buffer.from(
    `${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`,
  ).toString("base64");
  const secrets = () => [c.clientSecret, basic, ...issued];

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    if (c.scope) form.set("scope", c.scope);
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      "user-agent": opts.userAgent,
    };
    if (c.authMethod === "post") {
      form.set("client_id", c.clientId);
      form.set("client_secret", c.clientSecret);
    } else headers.authorization = `Basic ${basic}`;
    const started = opts.clock.now();
    let status = 0;
    let text = "";
    try {
      const res = await request(c.tokenUrl, {
        method: "POST",
        headers,
        body: form.toString(),
        dispatcher: opts.dispatcher,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      const code = (err as { code?: string }).code ?? "network";
      throw new ScimError({
        category: classify({ networkCode: code }),
        method: "POST",
        path: "oauth token",
        networkCode: code,
      });
    }
    const fail = (detail: string) =>
      new ScimError({
        // A token endpoint refusing our client is a configuration problem, not a SCIM rejection.
        category: status >= 400 && status < 500 && status !== 429 ? "config" : classify({ status }),
        status,
        method: "POST",
        path: "oauth token",
        detail,
      });
    if (status < 200 || status >= 300) throw fail("token request refused");
    let parsed: ReturnType<typeof tokenResponseSchema.safeParse>;
    try {
      parsed = tokenResponseSchema.safeParse(JSON.parse(text));
    } catch {
      throw fail("token response is not JSON");
    }
    if (!parsed.success) throw fail("token response lacks access_token");
    const ttlMs = (parsed.data.expires_in ?? 3600) * 1000;
    const skew = Math.min(REFRESH_SKEW_MS, ttlMs / 10);
    cached = { token: parsed.data.access_token, refreshAt: started + ttlMs - skew };
    issued.unshift(cached.token);
    issued.length = Math.min(issued.length, 4);
    return cached.token;
  }

  return {
    async header() {
      if (cached && opts.clock.now() < cached.refreshAt) return `Bearer ${cached.token}`;
      // One fetch for all concurrent callers.
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return `Bearer ${await inflight}`;
    },
    invalidate() {
      cached = undefined;
      return true;
    },
    secrets,
  };
}
