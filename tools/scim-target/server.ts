import type { Socket } from "node:net";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import type { Auth } from "./auth.js";
import { errorBody, ScimHttpError } from "./errors.js";
import type { FaultController, RateLimiter } from "./faults.js";
import type { Behaviour } from "./profiles.js";
import type { FaultKind, RecordedRequest } from "./types.js";

export const ROOT = "/scim/v2";

/** What the request pipeline needs; owned by startScimTarget. */
export interface PipelineDeps {
  b: Behaviour;
  auth: Auth;
  faults: FaultController;
  rateLimiter?: RateLimiter;
  requests: RecordedRequest[];
  /** Sockets of requests left hanging by the `timeout` fault; destroyed on close. */
  hung: Set<Socket>;
  /** Paths that need no credentials (the OAuth token endpoint). */
  public: Set<string>;
}

interface PerRequest {
  rec: RecordedRequest;
  fault?: FaultKind;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the Fastify instance with the simulator's pipeline:
 * record (onRequest) → body parse → latency, faults, rate limit, auth (preHandler) → route →
 * missingId (preSerialization) → malformed body, recorded status (onSend).
 *
 * Fastify over bare node:http: with no logger, no schemas and JSON.stringify serialisation the
 * per-request overhead is a few microseconds, well below the client's own cost at concurrency 32,
 * and routing, body parsing and hook ordering stay declarative. Hand-rolling node:http would save
 * little and duplicate content-type parsing and 404/415 handling.
 */
export function buildServer(deps: PipelineDeps): FastifyInstance {
  const { b } = deps;
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 20 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const per = new WeakMap<FastifyRequest, PerRequest>();
  const contentType = b.plainJson
    ? "application/json; charset=utf-8"
    : "application/scim+json; charset=utf-8";

  const json = app.getDefaultJsonParser("error", "ignore");
  app.addContentTypeParser("application/scim+json", { parseAs: "string" }, (req, body, done) => {
    // plain-json: the target's stack only knows application/json (seen on older Java/.NET targets).
    if (b.plainJson)
      done(new ScimHttpError(415, "Content-Type application/scim+json is not supported"), undefined);
    else json(req, body as string, done);
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.addHook("onRequest", async (req, reply) => {
    const qi = req.url.indexOf("?");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined)
        headers[k] = k === "authorization" ? "<redacted>" : Array.isArray(v) ? v.join(", ") : v;
    }
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query as Record<string, string | string[]>)) {
      query[k] = Array.isArray(v) ? (v[v.length - 1] ?? "") : v;
    }
    const rec: RecordedRequest = {
      method: req.method,
      path: qi < 0 ? req.url : req.url.slice(0, qi),
      query,
      headers,
      body: undefined,
      status: 0,
      at: Date.now(),
    };
    deps.requests.push(rec);
    per.set(req, { rec });
    reply.header("content-type", contentType);
  });

  app.addHook("preHandler", async (req, reply) => {
    const ctx = per.get(req)!;
    ctx.rec.body = req.body;
    if (b.latencyMs > 0) await sleep(b.latencyMs);
    const rel = ctx.rec.path.startsWith(ROOT) ? ctx.rec.path.slice(ROOT.length) : ctx.rec.path;
    const fault = deps.faults.decide(req.method, ctx.rec.path, rel);
    const retryAfter = { "retry-after": String(deps.faults.retryAfterSeconds) };
    switch (fault) {
      case "timeout":
        // Never answer: the socket stays open until the client gives up or close() destroys it.
        reply.hijack();
        deps.hung.add(req.raw.socket);
        req.raw.socket.once("close", () => deps.hung.delete(req.raw.socket));
        return;
      case "reset":
        reply.hijack();
        req.raw.socket.destroy();
        return;
      case "500":
        throw new ScimHttpError(500, "injected fault: internal error");
      case "503":
        throw new ScimHttpError(503, "injected fault: service unavailable", undefined, retryAfter);
      case "429":
        throw new ScimHttpError(429, "injected fault: too many requests", undefined, retryAfter);
      case "malformed":
      case "missingId":
        ctx.fault = fault;
    }
    if (deps.rateLimiter) {
      const wait = deps.rateLimiter.check(Date.now());
      if (wait !== undefined) {
        throw new ScimHttpError(429, "rate limit exceeded", undefined, { "retry-after": String(wait) });
      }
    }
    if (!deps.public.has(ctx.rec.path)) deps.auth.check(req.headers.authorization, Date.now());
  });

  app.addHook("preSerialization", async (req, _reply, payload) => {
    if (per.get(req)?.fault !== "missingId" || !payload || typeof payload !== "object") return payload;
    // Copies: the stored resources must keep their ids.
    const p = payload as Record<string, unknown>;
    if (Array.isArray(p.Resources)) {
      return { ...p, Resources: p.Resources.map(({ id: _id, ...r }: Record<string, unknown>) => r) };
    }
    const { id: _id, ...rest } = p;
    return rest;
  });

  app.addHook("onSend", async (req, reply, payload) => {
    const ctx = per.get(req);
    if (!ctx) return payload;
    ctx.rec.status = reply.statusCode;
    if (ctx.fault === "malformed" && typeof payload === "string" && payload.length > 1) {
      return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    }
    return payload;
  });

  app.setErrorHandler((err: FastifyError | ScimHttpError, _req, reply) => {
    if (err instanceof ScimHttpError) {
      reply.headers(err.headers);
      return reply.code(err.status).send(errorBody(err.status, err.message, err.scimType));
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    const scimType = status === 400 ? "invalidSyntax" : undefined;
    return reply.code(status).send(errorBody(status, err.message, scimType));
  });

  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).send(errorBody(404, `no such endpoint: ${req.method} ${req.url.split("?")[0]}`)),
  );
  return app;
}
