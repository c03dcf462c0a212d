/**
 * `/api/auth/*`: login, logout, the current admin, password change and API tokens. Registered on
 * the `/api` scope after {@link registerAuthentication}; only login is public.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.js";
import { DomainError } from "../errors.js";
import {
  AdminOut,
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  ErrorResponse,
  LoginBody,
  LoginResponse,
  MeResponse,
  TokenList,
  TokenParams,
} from "./auth.schema.js";
import { currentAdmin, SESSION_COOKIE } from "./authenticate.js";

const tags = ["auth"];
const NoContent = z.null().describe("No content");

/** The auth routes plugin: `api.register(authRoutes, { ctx })`. */
export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (api, { ctx }) => {
  const { auth } = ctx;

  api.post(
    "/auth/login",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Log in: sets the smartlink_session cookie",
        description:
          "Rate-limited per client IP and per email (10 attempts per 5 minutes by default); over it: 429 with Retry-After.",
        security: [],
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await auth.login({ ...request.body, ip: request.ip });
      if (!result.ok) {
        return reply
          .code(429)
          .header("Retry-After", String(result.retryAfterSeconds))
          .send({
            error: {
              code: "auth.rate_limited",
              message: `Too many login attempts; try again in ${result.retryAfterSeconds} s`,
              details: { retryAfterSeconds: result.retryAfterSeconds },
            },
          });
      }
      const maxAge = Math.max(0, Math.round((Date.parse(result.absoluteExpiresAt) - ctx.clock.now()) / 1000));
      reply.setCookie(SESSION_COOKIE, result.sessionId, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge,
        // Only when the client reached us over TLS (trustProxy is off: a TLS-terminating proxy
        // should set the attribute itself, or trustProxy be enabled for X-Forwarded-Proto).
        secure: request.protocol === "https",
      });
      return reply.send({ admin: result.admin });
    },
  );

  api.post(
    "/auth/logout",
    {
      schema: {
        tags,
        summary: "Log out: ends the session and clears the cookie",
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await auth.logout(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax" });
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/auth/me",
    { schema: { tags, summary: "The admin making this request", response: { 200: MeResponse } } },
    async (request) => {
      const { id, email, name, via } = currentAdmin(request);
      return { admin: AdminOut.parse({ id, email, name }), via };
    },
  );

  api.post(
    "/auth/password",
    {
      schema: {
        tags,
        summary: "Change the logged-in admin's password (ends their other sessions)",
        body: ChangePasswordBody,
        response: { 204: NoContent, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = currentAdmin(request);
      if (!id) throw new DomainError("forbidden", "auth.no_admin", "This API token belongs to no admin");
      const { currentPassword, newPassword } = request.body;
      await auth.changePassword(id, currentPassword, newPassword, request.cookies[SESSION_COOKIE]);
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/auth/tokens",
    {
      schema: {
        tags,
        summary: "Create an API token (the secret is in this response only)",
        body: CreateTokenBody,
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => {
      const created = await auth.tokens.create({ ...request.body, adminId: currentAdmin(request).id });
      const { id, name, token, createdAt, expiresAt } = created;
      return reply.code(201).send({ id, name, token, createdAt, expiresAt });
    },
  );

  api.get(
    "/auth/tokens",
    { schema: { tags, summary: "List API tokens (no secrets)", response: { 200: TokenList } } },
    async () => {
      const items = await auth.tokens.list();
      return { items: items.map(({ adminId: _owner, ...info }) => info) };
    },
  );

  api.delete(
    "/auth/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke an API token",
        params: TokenParams,
        response: { 204: NoContent, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await auth.tokens.revoke(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
