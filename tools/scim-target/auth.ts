import { randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { ScimHttpError } from "./errors.js";
import type { StartOptions } from "./types.js";

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Credential checks: the static bearer token, optional HTTP Basic, and bearer tokens issued by
 * the optional OAuth 2.0 client-credentials endpoint (RFC 6749 §4.4).
 */
export class Auth {
  private readonly issued = new Map<string, number>();
  private readonly token: string;

  constructor(private readonly opts: Pick<StartOptions, "token" | "basic" | "oauth">) {
    this.token = opts.token ?? "secret";
  }

  /** Throws 401 unless the Authorization header carries valid credentials. */
  check(header: string | undefined, now: number): void {
    if (header?.startsWith("Bearer ")) {
      const t = header.slice(7).trim();
      if (safeEqual(t, this.token)) return;
      const exp = this.issued.get(t);
      if (exp !== undefined && exp > now) return;
    } else if (header?.startsWith("Basic ") && this.opts.basic) {
      const { username, password } = this.opts.basic;
      if (safeEqual(Buffer.from(header.slice(6).trim(), "base64").toString(), `${username}:${password}`))
        return;
    }
    throw new ScimHttpError(401, header ? "invalid credentials" : "authorization required", undefined, {
      "www-authenticate": this.opts.basic ? 'Bearer realm="scim", Basic realm="scim"' : 'Bearer realm="scim"',
    });
  }

  /** `authenticationSchemes` for /ServiceProviderConfig. */
  schemes(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authorization: Bearer",
        primary: true,
      },
    ];
    if (this.opts.basic)
      out.push({ type: "httpbasic", name: "HTTP Basic", description: "Authorization: Basic" });
    return out;
  }

  /** Serves POST `${path}` (form or JSON body; client credentials in the body or in Basic). */
  registerTokenEndpoint(app: FastifyInstance, path: string): void {
    const oauth = this.opts.oauth;
    if (!oauth) return;
    app.post(path, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string | undefined>;
      let id = body.client_id;
      let secret = body.client_secret;
      const h = req.headers.authorization;
      if (h?.startsWith("Basic ")) {
        const [u, ...p] = Buffer.from(h.slice(6), "base64").toString().split(":");
        id = decodeURIComponent(u ?? "");
        secret = decodeURIComponent(p.join(":"));
      }
      reply.header("cache-control", "no-store").type("application/json");
      if (body.grant_type !== "client_credentials") {
        return reply.code(400).send({ error: "unsupported_grant_type" });
      }
      if (id !== oauth.clientId || secret === undefined || !safeEqual(secret, oauth.clientSecret)) {
        return reply.code(401).send({ error: "invalid_client" });
      }
      const ttl = oauth.tokenTtlSeconds ?? 3600;
      const token = randomBytes(24).toString("base64url");
      this.issued.set(token, Date.now() + ttl * 1000);
      return reply.send({ access_token: token, token_type: "Bearer", expires_in: ttl });
    });
  }
}
