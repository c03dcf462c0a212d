/**
 * The Fastify app: error mapping, OpenAPI at /api/docs, authentication of every /api route but
 * login, the modules' routes, /healthz, and the built console from web/dist.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "../app.js";
import { authenticateRequest, authRoutes, registerAuthentication } from "../auth/index.js";
import { directoryRoutes } from "../directory/index.js";
import { jobRoutes } from "../jobs/index.js";
import { messagingRoutes } from "../messaging/index.js";
import { configurationRoutes, provisioningRoutes, settingsRoutes } from "../provisioning/index.js";
import { registerErrorHandling } from "./errors.js";
import { registerSecurityHeaders } from "./security-headers.js";

export type { ZodTypeProvider };
/** The Fastify instance type route plugins receive. */
export type App = FastifyInstance;

/** Largest request body accepted; larger ones get 413. */
export const BODY_LIMIT = 1024 * 1024;

export interface ServerOptions {
  /** Serve the console from this folder (default: web/dist beside the package, when built). */
  webRoot?: string | false;
  /** Fastify's own request logging (default: on at LOG_LEVEL; tests turn it off). */
  logRequests?: boolean;
}

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Typed as Fastify's base logger so `app` is the plain FastifyInstance plugins expect.
    loggerInstance: (opts.logRequests === false
      ? ctx.log.child({}, { level: "warn" })
      : ctx.log) as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // Request ids in logs, not in responses.
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = opts.webRoot ?? join(packageRoot, "web", "dist");
  const hasConsole = webRoot !== false && existsSync(join(webRoot, "index.html"));
  // Client-side routes: every non-API GET that is not a file gets the console's index.html.
  registerErrorHandling(
    app,
    hasConsole ? { spaFallback: (_request, reply) => reply.sendFile("index.html") } : {},
  );
  registerSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "SmartLink Provisioning API",
        description:
          "SmartLink directory and SCIM provisioning. Authenticate with the session cookie from POST /api/auth/login or `Authorization: Bearer <api token>`.",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "smartlink_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Before any hook that reads request.cookies.
  await app.register(fastifyCookie);
  // The docs (UI, its static files and /api/docs/json) need an admin too. A root hook rather than
  // swagger-ui's `uiHooks`, which do not reach the static files it serves through @fastify/static.
  app.addHook("onRequest", async (request) => {
    // The matched route pattern, so percent-encoded variants of the path are caught as well.
    const route = request.routeOptions.url ?? request.url;
    if (/^\/api\/docs(?:[/?]|$)/.test(route)) await authenticateRequest(ctx.auth, request);
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.get("/healthz", { schema: { hide: true } }, async (_req, reply) => {
    const started = performance.now();
    await ctx.database.db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
    return reply.send({
      status: "ok",
      database: ctx.database.dialect.name,
      dbMs: performance.now() - started,
    });
  });

  await app.register(
    async (api) => {
      await registerAuthentication(api, ctx);
      await api.register(authRoutes, { ctx });
      await api.register(directoryRoutes, { ctx });
      await api.register(configurationRoutes, { ctx });
      await api.register(provisioningRoutes, { ctx });
      await api.register(jobRoutes, { ctx });
      await api.register(settingsRoutes, {
        provisioning: ctx.provisioning,
        automation: ctx.automation,
        clock: ctx.clock,
      });
      await api.register(messagingRoutes, { messaging: ctx.messaging });
    },
    { prefix: "/api" },
  );

  if (hasConsole) {
    // Every built file gets its own route (wildcard: false); other GETs fall back to index.html.
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  }
  return app;
}
