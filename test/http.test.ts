/**
 * HTTP hardening through the real app: authentication on every route, error shapes for bad
 * requests, security headers, protected OpenAPI docs, and logs free of secrets.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_REQUIRED_MESSAGE } from "../src/auth/index.js";
import { createLogger } from "../src/http/logging.js";
import { CONTENT_SECURITY_POLICY } from "../src/http/security-headers.js";
import { buildServer } from "../src/http/server.js";
import { openTestDatabase } from "./db-harness.js";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  buildTestApp,
  listRoutes,
  loginCookie,
  type TestApp,
} from "./http-fixtures.js";

/** Routes outside /api that may answer without authentication. */
const PUBLIC_ROOT_ROUTES = new Set(["/healthz", "/metrics"]);

describe("http hardening [sqlite]", () => {
  let t: TestApp;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openTestDatabase("sqlite");
    cleanup = opened.cleanup;
    t = await buildTestApp(opened.database);
    app = t.app;
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it("answers /healthz without authentication", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: "sqlite" });
  });

  it("refuses anonymous calls to every /api route except login, including /api/docs", async () => {
    const routes = listRoutes(app);
    expect(routes.length).toBeGreaterThan(10);
    const open: string[] = [];
    for (const [method, url] of routes) {
      if (!url.startsWith("/api")) {
        expect(PUBLIC_ROOT_ROUTES, `${method} ${url} lives outside /api`).toContain(url);
        continue;
      }
      if (method === "POST" && url === "/api/auth/login") continue;
      const res = await app.inject({ method: method as "GET", url });
      if (res.statusCode !== 401) open.push(`${method} ${url} → ${res.statusCode}`);
      else if (method !== "HEAD")
        expect(res.json()).toEqual({ error: { code: "auth.required", message: AUTH_REQUIRED_MESSAGE } });
    }
    expect(open).toEqual([]);
  });

  it("lists every documented /api path among the routes checked above", async () => {
    const res = await app.inject({ method: "GET", url: "/api/docs/json", headers: t.bearer });
    const documented = Object.keys(res.json().paths).map((p) => p.replace(/\{[^}]+\}/g, ":p"));
    const routed = new Set(
      listRoutes(app).map(([, url]) => url.replace(/00000000-0000-4000-8000-000000000000/g, ":p")),
    );
    for (const path of documented) expect(routed).toContain(path);
  });

  it("serves the OpenAPI document at /api/docs/json to an authenticated admin", async () => {
    const cookie = await loginCookie(app, "10.2.0.1");
    for (const headers of [t.bearer, { cookie: `smartlink_session=${cookie}` }]) {
      const res = await app.inject({ method: "GET", url: "/api/docs/json", headers });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/auth/login", "/api/auth/tokens", "/api/users"]),
      );
      expect(doc.paths["/api/auth/login"].post.security).toEqual([]);
    }
    const ui = await app.inject({ method: "GET", url: "/api/docs/", headers: t.bearer });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain("swagger-initializer.js");
    expect((await app.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/docs/static/swagger-ui.css" })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ method: "GET", url: "/api/docs" })).statusCode).toBe(401);
  });

  it("answers malformed JSON with 400 request.malformed_json", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: { ...t.bearer, "content-type": "application/json" },
      payload: '{"name": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("request.malformed_json");
  });

  it("answers a body over 1 MiB with 413 request.too_large", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: { ...t.bearer, "content-type": "application/json" },
      payload: JSON.stringify({ name: "x".repeat(1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("request.too_large");
  });

  it("answers an unknown route with 404 in the error format", async () => {
    for (const url of ["/api/nothing-here", "/nothing-here"]) {
      const res = await app.inject({ method: "GET", url, headers: t.bearer });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: "route.not_found", message: `No route GET ${url}` } });
    }
  });

  it("sends security headers on successes, errors and 404s", async () => {
    const responses = await Promise.all([
      app.inject({ method: "GET", url: "/healthz" }),
      app.inject({ method: "GET", url: "/api/auth/me" }),
      app.inject({ method: "GET", url: "/api/auth/me", headers: t.bearer }),
      app.inject({ method: "GET", url: "/no-such-page" }),
    ]);
    for (const res of responses) {
      expect(res.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "content-security-policy": CONTENT_SECURITY_POLICY,
      });
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});

describe("logging [sqlite]", () => {
  it("never writes a password, token or session id to the log, even with request logging on", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { database, cleanup } = await openTestDatabase("sqlite");
    const { app, ctx, token, bearer } = await buildTestApp(database, {
      log: createLogger("trace", sink),
      logRequests: true,
    });
    try {
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      });
      const sessionId = login.cookies.find((c) => c.name === "smartlink_session")?.value ?? "";
      expect(sessionId).not.toBe("");
      const created = await app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        headers: bearer,
        payload: { name: "n" },
      });
      await app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie: `smartlink_session=${sessionId}` },
      });
      // Code that carelessly logs a request, its headers or a body is masked too.
      ctx.log.info(
        { req: { headers: { authorization: `Bearer ${token}`, cookie: `smartlink_session=${sessionId}` } } },
        "careless",
      );
      ctx.log.info({ body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, token }, "careless body");
      ctx.log.info({ connection: { config: { token } } }, "nested");

      const log = lines.join("");
      expect(log).toContain("careless");
      expect(log).toContain("[redacted]");
      for (const secret of [ADMIN_PASSWORD, token, sessionId, created.json().token])
        expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

describe("console fallback [sqlite]", () => {
  it("serves index.html for client-side routes but keeps JSON 404s under /api", async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "smartlink-web-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>console</title>");
    const { database, cleanup } = await openTestDatabase("sqlite");
    const { app: plain, ctx, bearer } = await buildTestApp(database);
    await plain.close();
    const app = await buildServer(ctx, { webRoot, logRequests: false });
    try {
      const page = await app.inject({ method: "GET", url: "/applications/123/provisioning" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("<title>console</title>");
      expect(page.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      const api = await app.inject({ method: "GET", url: "/api/nothing", headers: bearer });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe("route.not_found");
    } finally {
      await app.close();
      await cleanup();
    }
  });
});
