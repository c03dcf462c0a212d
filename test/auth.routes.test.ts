/** /api/auth/* through the real Fastify app (app.inject), on SQLite and PostgreSQL. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AUTH_REQUIRED_MESSAGE } from "../src/auth/index.js";
import { describeEachDialect } from "./db-harness.js";
import { ADMIN_EMAIL, ADMIN_PASSWORD, buildTestApp, loginCookie, type TestApp } from "./http-fixtures.js";

describeEachDialect("auth routes", (getDb) => {
  let t: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await buildTestApp(getDb());
    app = t.app;
  });
  afterAll(() => app.close());

  const session = (cookie: string, extra: Record<string, string> = {}) => ({
    cookie: `smartlink_session=${cookie}`,
    ...extra,
  });

  it("logs in with email and password, answering the admin and an HttpOnly SameSite=Lax session cookie", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.1.0.1",
      payload: { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ admin: { id: expect.any(String), email: ADMIN_EMAIL, name: "Test Admin" } });
    const header = String(res.headers["set-cookie"]);
    expect(header).toMatch(
      /^smartlink_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    // Plain HTTP here (trustProxy off, no TLS): no Secure attribute, which browsers would drop.
    expect(header).not.toContain("Secure");
  });

  it("answers GET /api/auth/me with the admin behind the session cookie", async () => {
    const cookie = await loginCookie(app, "10.1.0.2");
    const res = await app.inject({ method: "GET", url: "/api/auth/me", headers: session(cookie) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ admin: { email: ADMIN_EMAIL, name: "Test Admin" }, via: "session" });
  });

  it("refuses a wrong password and an unknown email with the same 401 body", async () => {
    const attempt = (email: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "10.1.0.3",
        payload: { email, password: "not the password" },
      });
    const [wrong, unknown] = [await attempt(ADMIN_EMAIL), await attempt("nobody@example.com")];
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      error: { code: "auth.invalid_credentials", message: "Email or password is incorrect" },
    });
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("answers 429 with Retry-After after 10 login attempts from one IP within 5 minutes", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "10.1.0.4",
        payload: { email: `guess${i}@example.com`, password: "guess guess guess" },
      });
      expect(res.statusCode).toBe(401);
    }
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.1.0.4",
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(300);
    expect(res.json().error.code).toBe("auth.rate_limited");
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a form-encoded login, so a cross-site form cannot log a victim in (415)", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.1.0.12",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `email=${encodeURIComponent(ADMIN_EMAIL)}&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("rejects a login body without a password as 400 request.invalid", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.1.0.5",
      payload: { email: ADMIN_EMAIL },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("request.invalid");
  });

  it("logs out: the session is deleted, the cookie cleared, and the old cookie refused", async () => {
    const cookie = await loginCookie(app, "10.1.0.6");
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: session(cookie, { "x-requested-with": "fetch" }),
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(
      /^smartlink_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970/,
    );
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session(cookie) });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe("auth.session_expired");
  });

  it("refuses anonymous calls with 401 auth.required and the way to authenticate", async () => {
    const res = await app.inject({ method: "GET", url: "/api/auth/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: "auth.required", message: AUTH_REQUIRED_MESSAGE } });
  });

  it("creates an API token shown once, lists it without its secret, and revokes it", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: t.bearer,
      payload: { name: "deploy", expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: "deploy",
      token: expect.stringMatching(/^slk_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(30 * 24 * 3600 * 1000);

    const list = await app.inject({ method: "GET", url: "/api/auth/tokens", headers: t.bearer });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.token);
    const listed = list.json().items.find((i: { id: string }) => i.id === body.id);
    expect(listed).toEqual({
      id: body.id,
      name: "deploy",
      prefix: body.token.slice(0, 12),
      createdAt: body.createdAt,
      lastUsedAt: null,
      expiresAt: body.expiresAt,
    });

    const withNew = { authorization: `Bearer ${body.token}` };
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: withNew });
    expect(me.json()).toMatchObject({ admin: { email: ADMIN_EMAIL }, via: "token" });

    const revoked = await app.inject({
      method: "DELETE",
      url: `/api/auth/tokens/${body.id}`,
      headers: t.bearer,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await app.inject({ method: "GET", url: "/api/auth/me", headers: withNew });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("auth.invalid_token");
    const again = await app.inject({
      method: "DELETE",
      url: `/api/auth/tokens/${body.id}`,
      headers: t.bearer,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe("token.not_found");
  });

  it("authenticates a token made with ctx.auth.tokens.create({ name }) for other modules' tests", async () => {
    const { token } = await t.ctx.auth.tokens.create({ name: "from a test" });
    const res = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      admin: { id: null, email: null, name: 'API token "from a test"' },
      via: "token",
    });
  });

  it("refuses a malformed Authorization header instead of falling back to the cookie", async () => {
    const cookie = await loginCookie(app, "10.1.0.7");
    const res = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: session(cookie, { authorization: "Basic YTpi" }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.invalid_token");
  });

  it("refuses cookie-authenticated writes without a JSON content type or X-Requested-With (CSRF)", async () => {
    const cookie = await loginCookie(app, "10.1.0.8");
    const form = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: session(cookie, { "content-type": "application/x-www-form-urlencoded" }),
      payload: "name=evil",
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error.code).toBe("auth.csrf");
    const bare = await app.inject({ method: "POST", url: "/api/auth/logout", headers: session(cookie) });
    expect(bare.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: session(cookie, { "sec-fetch-site": "cross-site" }),
      payload: { name: "evil" },
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it("accepts cookie-authenticated writes with a JSON body or with X-Requested-With", async () => {
    const cookie = await loginCookie(app, "10.1.0.9");
    const json = await app.inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: session(cookie),
      payload: { name: "console" },
    });
    expect(json.statusCode).toBe(201);
    const del = await app.inject({
      method: "DELETE",
      url: `/api/auth/tokens/${json.json().id}`,
      headers: session(cookie, { "x-requested-with": "fetch" }),
    });
    expect(del.statusCode).toBe(204);
  });

  it("exempts bearer-token writes from the CSRF check", async () => {
    const { id } = await t.ctx.auth.tokens.create({ name: "to revoke" });
    const res = await app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers: t.bearer });
    expect(res.statusCode).toBe(204);
  });

  it("changes the password after checking the current one", async () => {
    const cookie = await loginCookie(app, "10.1.0.10");
    const headers = session(cookie);
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers,
      payload: { currentPassword: "not it at all", newPassword: "a brand new passphrase" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("auth.wrong_password");
    const ok = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers,
      payload: { currentPassword: ADMIN_PASSWORD, newPassword: "a brand new passphrase" },
    });
    expect(ok.statusCode).toBe(204);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "10.1.0.11",
      payload: { email: ADMIN_EMAIL, password: "a brand new passphrase" },
    });
    expect(login.statusCode).toBe(200);
    // Put it back for the other tests.
    await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers,
      payload: { currentPassword: "a brand new passphrase", newPassword: ADMIN_PASSWORD },
    });
  });
});
