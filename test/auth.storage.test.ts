/** The auth module's storage behaviour, on SQLite and PostgreSQL. */
import { beforeEach, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, manualClock, testAuth, testConfig } from "./auth-fixtures.js";
import { describeEachDialect } from "./db-harness.js";

const PASSWORD = "a long enough password";

describeEachDialect("auth storage", (getDb) => {
  beforeEach(async () => {
    const { db } = getDb();
    await db.deleteFrom("auth_rate_limits").execute();
    await db.deleteFrom("api_tokens").execute();
    await db.deleteFrom("admin_sessions").execute();
    await db.deleteFrom("admins").execute();
  });

  it("stores an admin's email lower-cased and refuses the same email in another case", async () => {
    const { auth } = testAuth(getDb());
    const admin = await auth.admins.create({
      email: " Alice@Example.COM ",
      password: PASSWORD,
      name: "Alice",
    });
    expect(admin).toMatchObject({ email: "alice@example.com", name: "Alice" });
    await expect(
      auth.admins.create({ email: "ALICE@example.com", password: PASSWORD }),
    ).rejects.toMatchObject({
      code: "admin.email_taken",
    });
  });

  it("stores a salted scrypt hash, never the password", async () => {
    const { auth } = testAuth(getDb());
    const admin = await auth.admins.create({ email: "hash@example.com", password: PASSWORD });
    const row = await getDb()
      .db.selectFrom("admins")
      .selectAll()
      .where("id", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it("refuses passwords shorter than 12 characters", async () => {
    const { auth } = testAuth(getDb());
    await expect(auth.admins.create({ email: "short@example.com", password: "short" })).rejects.toMatchObject(
      {
        code: "admin.weak_password",
      },
    );
  });

  it("creates admin@smartlink.local with a generated password when no admin exists and none is configured", async () => {
    const { auth } = testAuth(getDb());
    const created = await auth.ensureFirstAdmin();
    expect(created?.email).toBe("admin@smartlink.local");
    expect(created?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const login = await auth.login({
      email: "admin@smartlink.local",
      password: created!.generatedPassword!,
      ip: "1.1.1.1",
    });
    expect(login.ok).toBe(true);
  });

  it("creates the first admin from SMARTLINK_ADMIN_EMAIL and SMARTLINK_ADMIN_PASSWORD without printing a password", async () => {
    const config = testConfig({
      SMARTLINK_ADMIN_EMAIL: "Boss@Example.com",
      SMARTLINK_ADMIN_PASSWORD: PASSWORD,
    });
    const { auth } = testAuth(getDb(), { config });
    expect(await auth.ensureFirstAdmin()).toEqual({ email: "boss@example.com" });
    expect((await auth.login({ email: "boss@example.com", password: PASSWORD, ip: "1.1.1.1" })).ok).toBe(
      true,
    );
  });

  it("generates the first admin's password when only SMARTLINK_ADMIN_EMAIL is set", async () => {
    const { auth } = testAuth(getDb(), { config: testConfig({ SMARTLINK_ADMIN_EMAIL: "ops@example.com" }) });
    const created = await auth.ensureFirstAdmin();
    expect(created).toEqual({ email: "ops@example.com", generatedPassword: expect.any(String) });
  });

  it("does nothing when an admin exists, even when the variables are set later", async () => {
    await testAuth(getDb()).auth.ensureFirstAdmin();
    const config = testConfig({
      SMARTLINK_ADMIN_EMAIL: "late@example.com",
      SMARTLINK_ADMIN_PASSWORD: PASSWORD,
    });
    const { auth } = testAuth(getDb(), { config });
    expect(await auth.ensureFirstAdmin()).toBeNull();
    expect(await auth.admins.count()).toBe(1);
  });

  it("answers a wrong password and an unknown email with the same error", async () => {
    const { auth } = testAuth(getDb());
    await auth.admins.create({ email: "known@example.com", password: PASSWORD });
    const wrong = auth.login({ email: "known@example.com", password: "wrong password!", ip: "1.1.1.1" });
    const unknown = auth.login({ email: "nobody@example.com", password: "wrong password!", ip: "1.1.1.1" });
    const [a, b] = await Promise.allSettled([wrong, unknown]);
    expect(a.status).toBe("rejected");
    expect(b.status).toBe("rejected");
    const reasons = [a, b].map((r) => (r as PromiseRejectedResult).reason);
    expect(reasons[0]).toMatchObject({
      code: "auth.invalid_credentials",
      message: "Email or password is incorrect",
    });
    expect(reasons[1]).toMatchObject({ code: reasons[0].code, message: reasons[0].message });
  });

  it("stores only the SHA-256 of a session id and resolves the id to its admin", async () => {
    const { auth } = testAuth(getDb());
    const admin = await auth.admins.create({ email: "s@example.com", password: PASSWORD, name: "S" });
    const started = await auth.login({ email: "S@example.com", password: PASSWORD, ip: "1.1.1.1" });
    if (!started.ok) throw new Error("login refused");
    expect(started.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await getDb().db.selectFrom("admin_sessions").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.id_hash).not.toContain(started.sessionId);
    expect(await auth.authenticateSession(started.sessionId)).toMatchObject({ id: admin.id, via: "session" });
    expect(await auth.authenticateSession("not-a-session")).toBeNull();
  });

  it("ends a session after 12 idle hours but keeps a used one alive", async () => {
    const clock = manualClock();
    const { auth } = testAuth(getDb(), { clock });
    await auth.admins.create({ email: "idle@example.com", password: PASSWORD });
    const used = await auth.login({ email: "idle@example.com", password: PASSWORD, ip: "1.1.1.1" });
    const idle = await auth.login({ email: "idle@example.com", password: PASSWORD, ip: "1.1.1.1" });
    if (!used.ok || !idle.ok) throw new Error("login refused");
    for (let i = 0; i < 3; i++) {
      clock.advance(11 * HOUR);
      expect(await auth.authenticateSession(used.sessionId)).not.toBeNull();
    }
    expect(await auth.authenticateSession(idle.sessionId)).toBeNull();
  });

  it("ends a session 7 days after login however busy it is", async () => {
    const clock = manualClock();
    const { auth } = testAuth(getDb(), { clock });
    await auth.admins.create({ email: "abs@example.com", password: PASSWORD });
    const s = await auth.login({ email: "abs@example.com", password: PASSWORD, ip: "1.1.1.1" });
    if (!s.ok) throw new Error("login refused");
    expect(Date.parse(s.absoluteExpiresAt) - clock.now()).toBe(7 * DAY);
    for (let elapsed = 0; elapsed < 7 * DAY - 10 * HOUR; elapsed += 10 * HOUR) {
      clock.advance(10 * HOUR);
      expect(await auth.authenticateSession(s.sessionId)).not.toBeNull();
    }
    clock.advance(10 * HOUR);
    expect(await auth.authenticateSession(s.sessionId)).toBeNull();
  });

  it("forgets a session at logout", async () => {
    const { auth } = testAuth(getDb());
    await auth.admins.create({ email: "out@example.com", password: PASSWORD });
    const s = await auth.login({ email: "out@example.com", password: PASSWORD, ip: "1.1.1.1" });
    if (!s.ok) throw new Error("login refused");
    await auth.logout(s.sessionId);
    expect(await auth.authenticateSession(s.sessionId)).toBeNull();
  });

  it("refuses the 11th login attempt for one email within 5 minutes, from any IP, with the wait in seconds", async () => {
    const clock = manualClock();
    const { auth } = testAuth(getDb(), { clock });
    await auth.admins.create({ email: "rl@example.com", password: PASSWORD });
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      await expect(
        auth.login({ email: "rl@example.com", password: "wrong password", ip: `10.0.0.${i}` }),
      ).rejects.toThrow();
    }
    // The window opened at the first attempt (t=1 s); this is t=10 s, so 291 s remain.
    const refused = await auth.login({ email: "RL@example.com", password: PASSWORD, ip: "10.0.1.1" });
    expect(refused).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 291 });
    clock.advance(5 * MINUTE);
    expect((await auth.login({ email: "rl@example.com", password: PASSWORD, ip: "10.0.1.1" })).ok).toBe(true);
  });

  it("refuses the 11th login attempt from one IP whatever the emails", async () => {
    const { auth } = testAuth(getDb());
    for (let i = 0; i < 10; i++) {
      await expect(
        auth.login({ email: `u${i}@example.com`, password: "wrong password", ip: "10.9.9.9" }),
      ).rejects.toThrow();
    }
    expect(await auth.login({ email: "u99@example.com", password: "x", ip: "10.9.9.9" })).toMatchObject({
      ok: false,
    });
    await expect(
      auth.login({ email: "u99@example.com", password: "x", ip: "10.9.9.8" }),
    ).rejects.toMatchObject({
      code: "auth.invalid_credentials",
    });
  });

  it("never runs out of attempts for successful logins from one IP", async () => {
    const { auth } = testAuth(getDb());
    await auth.admins.create({ email: "often@example.com", password: PASSWORD });
    for (let i = 0; i < 15; i++) {
      expect((await auth.login({ email: "often@example.com", password: PASSWORD, ip: "127.0.0.1" })).ok).toBe(
        true,
      );
    }
  });

  it("clears an email's failed attempts after a successful login", async () => {
    const { auth } = testAuth(getDb());
    await auth.admins.create({ email: "reset@example.com", password: PASSWORD });
    for (let i = 0; i < 9; i++) {
      await expect(
        auth.login({ email: "reset@example.com", password: "wrong", ip: `10.1.0.${i}` }),
      ).rejects.toThrow();
    }
    expect((await auth.login({ email: "reset@example.com", password: PASSWORD, ip: "10.1.1.1" })).ok).toBe(
      true,
    );
    for (let i = 0; i < 9; i++) {
      await expect(
        auth.login({ email: "reset@example.com", password: "wrong", ip: `10.2.0.${i}` }),
      ).rejects.toThrow();
    }
    expect((await auth.login({ email: "reset@example.com", password: PASSWORD, ip: "10.2.1.1" })).ok).toBe(
      true,
    );
  });

  it("creates an slk_ token shown once, stored as its SHA-256, listed without secrets", async () => {
    const { auth } = testAuth(getDb());
    const created = await auth.tokens.create({ name: "ci" });
    expect(created.token).toMatch(/^slk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    const row = await getDb().db.selectFrom("api_tokens").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = await auth.tokens.list();
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "ci", prefix: created.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("authenticates a bearer token as its owner and records when it was last used", async () => {
    const clock = manualClock();
    const { auth } = testAuth(getDb(), { clock });
    const admin = await auth.admins.create({ email: "owner@example.com", password: PASSWORD, name: "Owner" });
    const owned = await auth.tokens.create({ name: "owned", adminId: admin.id });
    const orphan = await auth.tokens.create({ name: "automation" });
    expect(await auth.authenticateToken(owned.token)).toMatchObject({
      id: admin.id,
      email: admin.email,
      via: "token",
    });
    expect(await auth.authenticateToken(orphan.token)).toMatchObject({
      id: null,
      name: 'API token "automation"',
    });
    const [info] = (await auth.tokens.list()).filter((t) => t.id === owned.id);
    expect(info?.lastUsedAt).toBe(new Date(clock.now()).toISOString());
    expect(await auth.authenticateToken(`${owned.token}x`)).toBeNull();
    expect(await auth.authenticateToken("Bearer nonsense")).toBeNull();
  });

  it("refuses a token after it expires or is revoked", async () => {
    const clock = manualClock();
    const { auth } = testAuth(getDb(), { clock });
    const expiring = await auth.tokens.create({ name: "short", expiresInDays: 1 });
    const revoked = await auth.tokens.create({ name: "revoked" });
    expect(expiring.expiresAt).toBe(new Date(clock.now() + DAY).toISOString());
    expect(await auth.authenticateToken(expiring.token)).not.toBeNull();
    clock.advance(DAY);
    expect(await auth.authenticateToken(expiring.token)).toBeNull();
    await auth.tokens.revoke(revoked.id);
    expect(await auth.authenticateToken(revoked.token)).toBeNull();
    await expect(auth.tokens.revoke(revoked.id)).rejects.toMatchObject({ code: "token.not_found" });
  });

  it("ends the admin's other sessions when the password changes, keeping the caller's", async () => {
    const { auth } = testAuth(getDb());
    const admin = await auth.admins.create({ email: "pw@example.com", password: PASSWORD });
    const mine = await auth.login({ email: "pw@example.com", password: PASSWORD, ip: "1.1.1.1" });
    const other = await auth.login({ email: "pw@example.com", password: PASSWORD, ip: "1.1.1.2" });
    if (!mine.ok || !other.ok) throw new Error("login refused");
    await auth.changePassword(admin.id, PASSWORD, "another long password", mine.sessionId);
    expect(await auth.authenticateSession(mine.sessionId)).not.toBeNull();
    expect(await auth.authenticateSession(other.sessionId)).toBeNull();
    await expect(
      auth.login({ email: "pw@example.com", password: PASSWORD, ip: "1.1.1.1" }),
    ).rejects.toThrow();
    expect(
      (await auth.login({ email: "pw@example.com", password: "another long password", ip: "1.1.1.1" })).ok,
    ).toBe(true);
  });

  it("deletes an admin's sessions and tokens with the admin", async () => {
    const { auth } = testAuth(getDb());
    const admin = await auth.admins.create({ email: "gone@example.com", password: PASSWORD });
    await auth.login({ email: "gone@example.com", password: PASSWORD, ip: "1.1.1.1" });
    await auth.tokens.create({ name: "t", adminId: admin.id });
    await getDb().db.deleteFrom("admins").where("id", "=", admin.id).execute();
    expect(await getDb().db.selectFrom("admin_sessions").selectAll().execute()).toEqual([]);
    expect(await getDb().db.selectFrom("api_tokens").selectAll().execute()).toEqual([]);
  });
});
