/**
 * The Accounts tab over the real HTTP API (app.inject) against the real SCIM target simulator, on
 * SQLite and PostgreSQL: snapshot refresh (jobs, paging, vanished accounts, a target failing
 * midway), listing, Create a membership, Associate a membership (one, concurrent, suggested),
 * Delete, and the Activity log those actions leave. The target's own state is checked through the
 * simulator, not only through our API.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScimUser, StartOptions } from "../tools/scim-target/index.js";
import { describeEachDialect } from "./db-harness.js";
import { openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

const tag = () => randomUUID().slice(0, 8);
const pad = (i: number) => String(i).padStart(3, "0");

interface Row {
  id: string;
  userName: string;
  vanishedAt: string | null;
  linkedUser: { id: string; email: string | null } | null;
  suggestedUser: { id: string; email: string; reason: string } | null;
}
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Seeds `n` accounts named `<prefix>-000@acme.test`…; returns them in seeding order. */
function seed(rig: ProvisioningRig, prefix: string, n: number, make?: (i: number) => Partial<ScimUser>) {
  const before = new Set(rig.target.users().map((u) => u.id));
  rig.target.seedUsers(n, (i) => ({ userName: `${prefix}-${pad(i)}@acme.test`, ...make?.(i) }));
  return rig.target.users().filter((u) => !before.has(u.id));
}

/** Starts a refresh, waits for it, and expects it to succeed. */
async function refresh(rig: ProvisioningRig) {
  const res = await rig.post("/accounts/refresh");
  expect(res.statusCode).toBe(202);
  const job = await rig.waitJob(res.json().jobId);
  expect(job.state, String(job.error)).toBe("succeeded");
  return job;
}

async function accounts(rig: ProvisioningRig, query: string): Promise<Page<Row> & { readAt: string | null }> {
  const res = await rig.get(`/accounts?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The one account row whose userName is `userName` (searching the snapshot). */
async function row(rig: ProvisioningRig, userName: string): Promise<Row | undefined> {
  const page = await accounts(rig, `search=${encodeURIComponent(userName)}&pageSize=500`);
  return page.items.find((r) => r.userName === userName);
}

/** Deletes an account in the target behind SmartLink's back (over SCIM, as another admin would). */
async function deleteInTarget(rig: ProvisioningRig, id: string) {
  const res = await fetch(`${rig.target.url}/Users/${encodeURIComponent(id)}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${rig.token}` },
  });
  expect(res.status).toBe(204);
}

async function list<T>(rig: ProvisioningRig, url: string, search: string): Promise<Page<T>> {
  const res = await rig.api.inject({ method: "GET", url: `${url}?search=${encodeURIComponent(search)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const smartlinkUsers = (rig: ProvisioningRig, search: string) =>
  list<{ id: string; email: string }>(rig, "/api/users", search);
const directAccess = (rig: ProvisioningRig, search: string) =>
  list<{ user: { id: string }; via: unknown[] }>(rig, `/api/applications/${rig.appId}/access`, search);

/**
 * Closes a rig, bounded: a request stuck in the database must fail its own test, not hang the
 * suite's teardown. If the app does not close in time, the simulator is closed anyway.
 */
async function closeRig(rig: ProvisioningRig | undefined) {
  if (!rig) return;
  const closed = await Promise.race([
    rig.close().then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), 5_000)),
  ]);
  if (!closed) await rig.target.close();
}

/** `[status, error code]` of a refused request. */
const failure = (res: LightMyRequestResponse) => [res.statusCode, res.json().error?.code];
const associate = (rig: ProvisioningRig, accountId: string, userId: string) =>
  rig.post(`/accounts/${accountId}/associate`, { userId });
const grantAccess = async (rig: ProvisioningRig, userId: string) =>
  expect(
    (await rig.api.inject({ method: "PUT", url: `/api/applications/${rig.appId}/users/${userId}` }))
      .statusCode,
  ).toBe(200);

const scimPosts = (rig: ProvisioningRig, since: number) =>
  rig.target.requests.slice(since).filter((r) => r.method === "POST" && r.path.endsWith("/Users"));

describeEachDialect("provisioning: the Accounts tab", (getDb) => {
  // A call that never answers (a deadlocked database) fails its test after 5 s and marks the suite's
  // database as stuck: later tests then fail at once instead of each waiting out a timeout.
  let stuck: string | undefined;
  const notRun = () => new Error(`not run: the database has been stuck since "${stuck}"`);
  function guard<T>(what: string, p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stuck ??= what;
        reject(new Error(`${what} did not answer within 5 s: the database looks deadlocked`));
      }, 5_000);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }
  /** A rig whose every call is guarded. */
  async function open(target: StartOptions = {}): Promise<ProvisioningRig> {
    const rig = await guard("opening a rig", openProvisioningRig(getDb(), { target }));
    return {
      ...rig,
      api: { ...rig.api, inject: (o) => guard(`${o.method} ${o.url}`, rig.api.inject(o)) },
      get: (path) => guard(`GET ${path}`, rig.get(path)),
      post: (path, body) => guard(`POST ${path}`, rig.post(path, body)),
      put: (path, body) => guard(`PUT ${path}`, rig.put(path, body)),
      del: (path) => guard(`DELETE ${path}`, rig.del(path)),
      waitJob: (id) => guard(`job ${id}`, rig.waitJob(id)),
      user: (fields) => guard("POST /api/users", rig.user(fields)),
    };
  }
  beforeEach(() => {
    if (stuck) throw notRun();
  });
  /** A describe block with its own rig on `target`, closed after its tests. */
  function withRig(name: string, target: StartOptions, body: (rig: () => ProvisioningRig) => void) {
    describe(name, () => {
      let rig: ProvisioningRig | undefined;
      beforeAll(async () => {
        // Once stuck, no rig: each test then fails in beforeEach instead of being skipped.
        if (!stuck) rig = await open(target);
      });
      afterAll(() => closeRig(rig));
      body(() => rig!);
    });
  }

  for (const profile of ["strict", "aws", "no-patch"] as const) {
    describe(`on a ${profile} target`, () => {
      let rig: ProvisioningRig;
      const t = tag();
      beforeAll(async () => {
        if (stuck) return;
        rig = await open({ profile });
        // Seeded in reverse so the target's order differs from the userName order.
        seed(rig, `p${t}`, 250, (i) => ({
          userName: `p${t}-${pad(249 - i)}@acme.test`,
          displayName: `Quokka ${pad(249 - i)}`,
          emails: [{ value: `mail-${pad(249 - i)}-${t}@corp.test`, type: "work", primary: true }],
        }));
      });
      afterAll(() => closeRig(rig));

      it("refreshes page by page as a job that ends succeeded with done = total = accounts in the target", async () => {
        expect(rig.target.users()).toHaveLength(250);
        // Never read yet: the list says so (readAt null), so the console can tell it from an empty target.
        expect((await accounts(rig, "pageSize=1")).readAt).toBeNull();
        const mark = rig.target.requests.length;
        const res = await rig.post("/accounts/refresh");
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual({ jobId: expect.any(Number), started: true });
        const job = await rig.waitJob(res.json().jobId);
        expect(job).toMatchObject({ kind: "snapshot.accounts", state: "succeeded", done: 250, total: 250 });
        expect(job.error).toBeNull();
        const lists = rig.target.requests
          .slice(mark)
          .filter((r) => r.method === "GET" && r.path.endsWith("/Users"));
        // aws caps pages at 100: 250 accounts take three pages; the others answer 250 in one.
        expect(lists).toHaveLength(profile === "aws" ? 3 : 1);
        for (const r of lists) expect(r.status).toBe(200);
        const listed = await accounts(rig, `search=p${t}&pageSize=1`);
        expect(listed.total).toBe(250);
        // Stamped when the read completed, inside the job.
        const readAt = String(listed.readAt);
        expect(readAt >= String(job.createdAt) && readAt <= String(job.finishedAt)).toBe(true);
      });

      it("joins the running refresh: a second click returns the same job with started false", async () => {
        // The first page answers 429 Retry-After: 1, so the refresh is still running at the second click.
        rig.target.failNext(1, "429", { method: "GET", pathPrefix: "/Users" });
        const first = await rig.post("/accounts/refresh");
        const second = await rig.post("/accounts/refresh");
        expect([first.statusCode, first.json().started, second.statusCode]).toEqual([202, true, 202]);
        expect(second.json()).toEqual({ jobId: first.json().jobId, started: false });
        expect(await rig.waitJob(first.json().jobId)).toMatchObject({ state: "succeeded", done: 250 });
        const third = await rig.post("/accounts/refresh");
        expect(third.json().started).toBe(true);
        expect(third.json().jobId).toBeGreaterThan(first.json().jobId);
        await rig.waitJob(third.json().jobId);
      });

      it("lists the snapshot by userName, page by page, with search over userName, displayName and email", async () => {
        const p2 = await accounts(rig, `search=p${t}&page=2&pageSize=100`);
        expect(p2).toMatchObject({ total: 250, page: 2, pageSize: 100 });
        expect(p2.items.map((r) => r.userName)).toEqual(
          Array.from({ length: 100 }, (_, i) => `p${t}-${pad(100 + i)}@acme.test`),
        );
        const p3 = await accounts(rig, `search=p${t}&page=3&pageSize=100`);
        expect(p3.items.map((r) => r.userName)).toEqual(
          Array.from({ length: 50 }, (_, i) => `p${t}-${pad(200 + i)}@acme.test`),
        );
        const byName = await accounts(rig, `search=${encodeURIComponent(`P${t}-042@`)}`);
        expect(byName.items.map((r) => r.userName)).toEqual([`p${t}-042@acme.test`]);
        const byDisplay = await accounts(rig, `search=${encodeURIComponent("quokka 137")}`);
        expect(byDisplay.items.map((r) => r.userName)).toEqual([`p${t}-137@acme.test`]);
        const byEmail = await accounts(rig, `search=${encodeURIComponent(`mail-201-${t}@corp`)}`);
        expect(byEmail.items.map((r) => r.userName)).toEqual([`p${t}-201@acme.test`]);
        expect(byEmail.items[0]).toMatchObject({ displayName: "Quokka 201", active: true, linkedUser: null });
      });

      it("filters linked, unlinked and vanished accounts", async () => {
        const f = `f${tag()}`;
        const [a, b, c] = seed(rig, f, 3);
        await refresh(rig);
        const user = await rig.user();
        expect((await associate(rig, a!.id, user.id)).statusCode).toBe(200);
        await deleteInTarget(rig, b!.id);
        await refresh(rig);
        const names = async (filter: string) =>
          (await accounts(rig, `search=${f}&filter=${filter}`)).items.map((r) => r.userName);
        expect(await names("all")).toEqual([a!.userName, b!.userName, c!.userName]);
        expect(await names("linked")).toEqual([a!.userName]);
        expect(await names("unlinked")).toEqual([c!.userName]);
        expect(await names("vanished")).toEqual([b!.userName]);
      });

      it("marks an account deleted in the target as vanished, then drops it on the next refresh unless linked", async () => {
        const v = `v${tag()}`;
        const [gone, kept, linked] = seed(rig, v, 3);
        await refresh(rig);
        const user = await rig.user();
        expect((await associate(rig, linked!.id, user.id)).statusCode).toBe(200);
        await deleteInTarget(rig, gone!.id);
        await deleteInTarget(rig, linked!.id);
        await refresh(rig);
        expect((await row(rig, gone!.userName))?.vanishedAt).toEqual(expect.any(String));
        expect((await row(rig, linked!.userName))?.vanishedAt).toEqual(expect.any(String));
        expect((await row(rig, kept!.userName))?.vanishedAt).toBeNull();
        await refresh(rig);
        expect(await row(rig, gone!.userName)).toBeUndefined();
        expect(await row(rig, linked!.userName)).toMatchObject({ linkedUser: { id: user.id } });
        expect((await accounts(rig, `search=${v}`)).items.map((r) => r.userName)).toEqual([
          kept!.userName,
          linked!.userName,
        ]);
      });

      it("creates a membership from an account: a new user with direct access, linked, and no second account", async () => {
        const m = `m${tag()}`;
        const [acc] = seed(rig, m, 1, () => ({
          name: { givenName: "Grace", familyName: `Hopper ${m}` },
          displayName: `Grace Hopper ${m}`,
        }));
        await refresh(rig);
        const count = rig.target.users().length;
        const mark = rig.target.requests.length;
        const res = await rig.post(`/accounts/${acc!.id}/create-membership`);
        expect(res.statusCode, res.body).toBe(201);
        const body = res.json();
        expect(body.accountId).toBe(acc!.id);
        expect(body.user).toMatchObject({
          email: acc!.userName,
          firstName: "Grace",
          lastName: `Hopper ${m}`,
          displayName: `Grace Hopper ${m}`,
          active: true,
        });
        const found = await smartlinkUsers(rig, acc!.userName);
        expect(found.items.map((u) => u.id)).toEqual([body.user.id]);
        const access = await directAccess(rig, acc!.userName);
        expect(access.items.map((r) => [r.user.id, r.via])).toEqual([[body.user.id, [{ type: "direct" }]]]);
        expect((await row(rig, acc!.userName))?.linkedUser).toMatchObject({
          id: body.user.id,
          email: acc!.userName,
        });
        expect(rig.target.users()).toHaveLength(count);
        expect(scimPosts(rig, mark)).toEqual([]);

        const again = await rig.post(`/accounts/${acc!.id}/create-membership`);
        expect(failure(again)).toEqual([409, "provisioning.account_linked"]);
        expect((await smartlinkUsers(rig, acc!.userName)).total).toBe(1);
        expect(scimPosts(rig, mark)).toEqual([]);
      });

      it("refuses to create a membership when a user with the account's email exists (provisioning.user_exists)", async () => {
        const e = `e${tag()}`;
        const existing = await rig.user({ email: `${e}-000@ACME.test` });
        const [acc] = seed(rig, e, 1);
        await refresh(rig);
        const res = await rig.post(`/accounts/${acc!.id}/create-membership`);
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({
          code: "provisioning.user_exists",
          details: { userId: existing.id },
        });
        expect((await smartlinkUsers(rig, e)).items.map((u) => u.id)).toEqual([existing.id]);
        expect((await row(rig, acc!.userName))?.linkedUser).toBeNull();
      });

      it("associates a membership, granting access when missing, and refuses links already taken", async () => {
        const s = `s${tag()}`;
        const [a1, a2, a3] = seed(rig, s, 3);
        await refresh(rig);
        const noAccess = await rig.user();
        const withAccess = await rig.user();
        await grantAccess(rig, withAccess.id);

        const r1 = await associate(rig, a1!.id, noAccess.id);
        expect(r1.statusCode, r1.body).toBe(200);
        expect(r1.json()).toMatchObject({
          accountId: a1!.id,
          accessGranted: true,
          user: { id: noAccess.id },
        });
        expect((await directAccess(rig, noAccess.email)).items[0]?.via).toEqual([{ type: "direct" }]);
        expect((await row(rig, a1!.userName))?.linkedUser).toMatchObject({ id: noAccess.id });

        const r2 = await associate(rig, a2!.id, withAccess.id);
        expect([r2.statusCode, r2.json().accessGranted]).toEqual([200, false]);

        const taken = await associate(rig, a1!.id, (await rig.user()).id);
        expect(failure(taken)).toEqual([409, "provisioning.account_linked"]);
        const busy = await associate(rig, a3!.id, noAccess.id);
        expect(busy.statusCode).toBe(409);
        expect(busy.json().error).toMatchObject({
          code: "provisioning.user_linked",
          details: { accountId: a1!.id },
        });
        expect((await associate(rig, a3!.id, "not-a-uuid")).statusCode).toBe(400);
        expect(failure(await associate(rig, a3!.id, randomUUID()))).toEqual([404, "user.not_found"]);
        expect((await row(rig, a1!.userName))?.linkedUser).toMatchObject({ id: noAccess.id });
        expect((await row(rig, a3!.userName))?.linkedUser).toBeNull();
      });

      it("lets exactly one of two admins associating the same account at once win", async () => {
        const c = `c${tag()}`;
        const [acc] = seed(rig, c, 1);
        await refresh(rig);
        const u1 = await rig.user();
        const u2 = await rig.user();
        const results = await Promise.all([associate(rig, acc!.id, u1.id), associate(rig, acc!.id, u2.id)]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expect(failure(results.find((r) => r.statusCode === 409)!)).toEqual([
          409,
          "provisioning.account_linked",
        ]);
        const winner = results.find((r) => r.statusCode === 200)!.json().user.id as string;
        const lost = winner === u1.id ? u2 : u1;
        expect((await row(rig, acc!.userName))?.linkedUser).toMatchObject({ id: winner });
        expect((await accounts(rig, `search=${c}&filter=linked`)).total).toBe(1);
        // The loser's transaction rolled back: no access was granted to it either.
        expect((await directAccess(rig, lost.email)).total).toBe(0);
      });

      it("answers account.gone when the account was deleted in the target since the list, and creates nothing", async () => {
        const g = `g${tag()}`;
        const [a, b] = seed(rig, g, 2);
        await refresh(rig);
        await deleteInTarget(rig, a!.id);
        await deleteInTarget(rig, b!.id);
        const created = await rig.post(`/accounts/${a!.id}/create-membership`);
        expect(failure(created)).toEqual([404, "account.gone"]);
        expect((await smartlinkUsers(rig, g)).total).toBe(0);
        const user = await rig.user();
        expect(failure(await associate(rig, b!.id, user.id))).toEqual([404, "account.gone"]);
        expect((await directAccess(rig, user.email)).total).toBe(0);
        const rows = await accounts(rig, `search=${g}`);
        expect(rows.items.map((r) => [r.linkedUser, typeof r.vanishedAt])).toEqual([
          [null, "string"],
          [null, "string"],
        ]);
      });

      it("deletes the account in the target and unlinks it; an account already gone counts as deleted", async () => {
        const d = `d${tag()}`;
        const [a, b] = seed(rig, d, 2);
        await refresh(rig);
        const created = await rig.post(`/accounts/${a!.id}/create-membership`);
        expect(created.statusCode).toBe(201);
        const userId = created.json().user.id as string;
        const res = await rig.del(`/accounts/${a!.id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ accountId: a!.id, unlinkedUserId: userId, deactivatedOnly: false });
        expect(rig.target.users().some((u) => u.id === a!.id)).toBe(false);
        const access = (await rig.get(`/access?search=${encodeURIComponent(a!.userName)}`)).json().items;
        expect(access).toHaveLength(1);
        expect(access[0]).toMatchObject({
          user: { id: userId },
          presence: "absent",
          presentInApp: false,
          accountId: null,
        });
        expect(await row(rig, a!.userName)).toBeUndefined();

        await deleteInTarget(rig, b!.id);
        const gone = await rig.del(`/accounts/${b!.id}`);
        expect(gone.statusCode, gone.body).toBe(200);
        expect(gone.json()).toEqual({ accountId: b!.id, unlinkedUserId: null, deactivatedOnly: false });
        expect(await row(rig, b!.userName)).toBeUndefined();
      });

      it("logs every SCIM exchange in Activity, newest first, by the admin, without the token", async () => {
        const l = `l${tag()}`;
        const [acc] = seed(rig, l, 1);
        await refresh(rig);
        expect((await rig.post(`/accounts/${acc!.id}/create-membership`)).statusCode).toBe(201);
        expect((await rig.del(`/accounts/${acc!.id}`)).statusCode).toBe(200);
        const res = await rig.get("/activity?pageSize=500");
        expect(res.statusCode).toBe(200);
        const items = res.json().items as Array<Record<string, unknown> & { id: number; at: string }>;
        expect(items.slice(0, 3).map((e) => [e.operation, e.method, e.resourceId])).toEqual([
          ["account.delete", "DELETE", acc!.id],
          ["account.createMembership", "GET", acc!.id],
          ["snapshot.accounts", "GET", null],
        ]);
        expect(items[0]).toMatchObject({ status: 204, ok: true });
        for (let i = 1; i < items.length; i++) {
          expect(items[i - 1]!.id).toBeGreaterThan(items[i]!.id);
          expect(items[i - 1]!.at >= items[i]!.at).toBe(true);
        }
        const ops = new Set(items.map((e) => e.operation));
        for (const op of [
          "account.createMembership",
          "account.delete",
          "account.associate",
          "snapshot.accounts",
        ])
          expect(ops).toContain(op);
        for (const e of items)
          expect(e.actor).toEqual({ type: "admin", id: expect.any(String), label: "admin@example.com" });
        expect(JSON.stringify(items)).not.toContain(rig.token);
      });
    });
  }

  withRig("on a slack-like target, whose DELETE only deactivates", { profile: "slack-like" }, (r) => {
    it("reports deactivatedOnly and keeps the row, inactive and unlinked", async () => {
      const rig = r();
      const k = `k${tag()}`;
      const [acc] = seed(rig, k, 1);
      await refresh(rig);
      const created = await rig.post(`/accounts/${acc!.id}/create-membership`);
      expect(created.statusCode).toBe(201);
      const res = await rig.del(`/accounts/${acc!.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const unlinkedUserId = created.json().user.id;
      expect(res.json()).toEqual({ accountId: acc!.id, unlinkedUserId, deactivatedOnly: true });
      expect(rig.target.users().find((u) => u.id === acc!.id)?.active).toBe(false);
      expect(await row(rig, acc!.userName)).toMatchObject({ id: acc!.id, active: false, linkedUser: null });
    });
  });

  // aws pages by 100; the latency leaves time to break the target between two pages.
  withRig("when the target fails midway through a refresh", { profile: "aws", latencyMs: 60 }, (r) => {
    it("fails the job with a message and marks no account as vanished", async () => {
      const rig = r();
      const w = `w${tag()}`;
      const seeded = seed(rig, w, 250);
      await refresh(rig);
      await deleteInTarget(rig, seeded[249]!.id);
      const res = await rig.post("/accounts/refresh");
      expect(res.statusCode).toBe(202);
      const jobId = res.json().jobId as number;
      for (let i = 0; i < 500; i++) {
        const job = (await rig.api.inject({ method: "GET", url: `/api/jobs/${jobId}` })).json();
        if (job.done >= 100 || job.state !== "running") break;
        await new Promise((r) => setTimeout(r, 2));
      }
      rig.target.setFaults({ errorRate: 1 });
      const job = await rig.waitJob(jobId);
      rig.target.setFaults({ errorRate: 0 });
      expect(job).toMatchObject({ state: "failed", done: 100 });
      expect(job.error).toEqual(expect.stringContaining("100 read so far; nothing was marked as vanished"));
      expect(job.error).not.toContain(rig.token);
      expect((await accounts(rig, "filter=vanished")).total).toBe(0);
      expect((await accounts(rig, `search=${w}`)).total).toBe(250);
      expect((await row(rig, seeded[249]!.userName))?.vanishedAt).toBeNull();
    });
  });

  withRig("match suggestions", {}, (r) => {
    it("suggests users by userName (any case), email and externalId, and associates them all or by pairs", async () => {
      const rig = r();
      const x = `x${tag()}`;
      const byName = await rig.user({ email: `${x}-name@acme.test` });
      const byCase = await rig.user({ email: `${x}-case@acme.test` });
      const byEmail = await rig.user({ email: `${x}-mail@acme.test` });
      const byExt = await rig.user({ email: `${x}-ext@acme.test` });
      await grantAccess(rig, byCase.id);
      const specs: Array<Partial<ScimUser>> = [
        { userName: byName.email },
        { userName: byCase.email.toUpperCase() },
        { userName: `${x}-handle`, emails: [{ value: byEmail.email, type: "work", primary: true }] },
        {
          userName: `${x}-other`,
          externalId: byExt.id,
          emails: [{ value: "nobody@elsewhere.test", type: "work" }],
        },
        { userName: `${x}-stranger@acme.test` },
      ];
      const accs = seed(rig, x, specs.length, (i) => specs[i]!);
      await refresh(rig);
      const id = (i: number) => accs[i]!.id;

      const listed = await accounts(rig, `search=${x}`);
      const byAccount = new Map(listed.items.map((r) => [r.id, r.suggestedUser]));
      expect(byAccount.get(id(0))).toEqual({ id: byName.id, email: byName.email, reason: "userName" });
      expect(byAccount.get(id(1))).toEqual({ id: byCase.id, email: byCase.email, reason: "userName" });
      expect(byAccount.get(id(2))).toEqual({ id: byEmail.id, email: byEmail.email, reason: "email" });
      expect(byAccount.get(id(3))).toEqual({ id: byExt.id, email: byExt.email, reason: "externalId" });
      expect(byAccount.get(id(4))).toBeNull();

      const sugg = await rig.get("/accounts/suggestions");
      expect(sugg.statusCode).toBe(200);
      const items = sugg.json().items as Array<{ accountId: string; user: { id: string }; reason: string }>;
      expect(items.map((s) => [s.accountId, s.user.id, s.reason]).sort()).toEqual(
        [
          [id(0), byName.id, "userName"],
          [id(1), byCase.id, "userName"],
          [id(2), byEmail.id, "email"],
          [id(3), byExt.id, "externalId"],
        ].sort(),
      );

      const first = { accountId: id(0), userId: byName.id };
      const stale = { accountId: id(4), userId: byName.id };
      const some = await rig.post("/accounts/associate-suggested", { pairs: [first, stale] });
      expect(some.statusCode, some.body).toBe(200);
      expect(some.json()).toEqual({ associated: 1, accessGranted: 1, skipped: [stale] });
      expect((await row(rig, accs[0]!.userName))?.linkedUser).toMatchObject({ id: byName.id });
      expect((await row(rig, accs[2]!.userName))?.linkedUser).toBeNull();

      const all = await rig.post("/accounts/associate-suggested", {});
      expect(all.statusCode).toBe(200);
      expect(all.json()).toEqual({ associated: 3, accessGranted: 2, skipped: [] });
      const after = await accounts(rig, `search=${x}`);
      expect(after.items.map((r) => [r.id, r.linkedUser?.id ?? null, r.suggestedUser])).toEqual(
        expect.arrayContaining([
          [id(0), byName.id, null],
          [id(1), byCase.id, null],
          [id(2), byEmail.id, null],
          [id(3), byExt.id, null],
          [id(4), null, null],
        ]),
      );
      for (const u of [byName, byCase, byEmail, byExt])
        expect((await directAccess(rig, u.email)).items.map((r) => r.user.id)).toEqual([u.id]);
      expect((await rig.get("/accounts/suggestions")).json().items).toEqual([]);

      const again = await rig.post("/accounts/associate-suggested", { pairs: [first] });
      expect(again.json()).toEqual({ associated: 0, accessGranted: 0, skipped: [first] });
    });
  });

  // Last in the suite: if it hangs, it holds database connections until the process ends.
  withRig("under many admins at once", {}, (r) => {
    it("associates more accounts at once than the database pool has connections", async () => {
      const rig = r();
      const n = `n${tag()}`;
      const accs = seed(rig, n, 8);
      await refresh(rig);
      const users = await Promise.all(accs.map(() => rig.user()));
      const results = await Promise.all(accs.map((a, i) => associate(rig, a.id, users[i]!.id)));
      expect(results.map((r) => r.statusCode)).toEqual(accs.map(() => 200));
      const rows = await accounts(rig, `search=${n}&filter=linked`);
      expect(rows.items.map((r) => r.linkedUser?.id).sort()).toEqual(users.map((u) => u.id).sort());
    });
  });
});
