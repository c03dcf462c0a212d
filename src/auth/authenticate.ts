/**
 * Request authentication for the `/api` scope: a session cookie or `Authorization: Bearer slk_…`
 * is required on every route except those marked `config: { public: true }` (only
 * `POST /api/auth/login`). Cookie-authenticated requests that change data must also pass the CSRF
 * check below; bearer-token requests are exempt (browsers never add that header on their own).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../errors.js";
import type { Auth, RequestAdmin } from "./auth.service.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling; set by the authentication hook on every non-public /api route, else null. */
    admin: RequestAdmin | null;
  }
  interface FastifyContextConfig {
    /** Skip authentication for this route (login only: the HTTP tests check the list). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = "smartlink_session";
export const AUTH_REQUIRED_MESSAGE = "Log in or send Authorization: Bearer <api token>";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const required = () => new DomainError("unauthenticated", "auth.required", AUTH_REQUIRED_MESSAGE);

/**
 * CSRF defence for cookie-authenticated writes, on top of SameSite=Lax: the request must carry
 * `Content-Type: application/json` or an `X-Requested-With` header. A cross-site page can send
 * neither without a CORS preflight, which this server never approves (no CORS headers at all).
 * Both are accepted because bodyless writes (DELETE, POST …/deactivate) have no content type:
 * the console should send `X-Requested-With: fetch` on every call. `Sec-Fetch-Site: cross-site` is
 * refused outright when the browser sends it.
 */
export function passesCsrfCheck(request: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return true;
  if (request.headers["sec-fetch-site"] === "cross-site") return false;
  const type = String(request.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  return type === "application/json" || request.headers["x-requested-with"] !== undefined;
}

/** Resolves the caller from the bearer token or the session cookie; throws `auth.*` errors. */
export async function authenticateRequest(auth: Auth, request: FastifyRequest): Promise<RequestAdmin> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const admin = match?.[1] ? await auth.authenticateToken(match[1]) : null;
    if (!admin) {
      throw new DomainError(
        "unauthenticated",
        "auth.invalid_token",
        "The API token is unknown, revoked or expired",
      );
    }
    return admin;
  }
  // `cookies` is undefined when @fastify/cookie was not registered before this hook ran.
  const sessionId = request.cookies?.[SESSION_COOKIE];
  if (!sessionId) throw required();
  const admin = await auth.authenticateSession(sessionId);
  if (!admin)
    throw new DomainError("unauthenticated", "auth.session_expired", "Your session has ended; log in again");
  if (!passesCsrfCheck(request)) {
    throw new DomainError(
      "forbidden",
      "auth.csrf",
      "Cookie-authenticated requests that change data must send Content-Type: application/json or an X-Requested-With header",
    );
  }
  return admin;
}

/** An onRequest hook that requires an authenticated caller and sets `request.admin`. */
export function requireAuthentication(auth: Auth) {
  return async function authenticationHook(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (request.routeOptions.config?.public === true) return;
    request.admin = await authenticateRequest(auth, request);
  };
}

/**
 * Installs authentication on the `/api` scope (call before registering routes): decorates
 * `request.admin` and adds the onRequest hook.
 */
export async function registerAuthentication(api: FastifyInstance, ctx: { auth: Auth }): Promise<void> {
  if (!api.hasRequestDecorator("admin")) api.decorateRequest("admin", null);
  api.addHook("onRequest", requireAuthentication(ctx.auth));
}

/** `request.admin`, or `auth.required` when a route outside the hook's reach asks for it. */
export function currentAdmin(request: FastifyRequest): RequestAdmin {
  if (!request.admin) throw required();
  return request.admin;
}
