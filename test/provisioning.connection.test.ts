/**
 * The Configuration and Schema tabs and the attribute mapping over HTTP (app.inject, real auth)
 * against the real SCIM target simulator: connecting (bearer, Basic, OAuth), what a bad input or a
 * failing target answers and that it saves nothing, credentials at rest and in the Activity log,
 * the locked tabs, a change of target, the schema history and mapping validation end to end.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScimTarget, type StartOptions, startScimTarget } from "../tools/scim-target/index.js";
import { describeEachDialect } from "./db-harness.js";
import { openTestApi, type TestApi } from "./helpers/api.js";
import { FAST_SCIM, openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const attr = (attribute: string) => ({ type: "attribute", attribute });
const DEFAULT_MAPPING = [
  { target: "userName", source: attr("email") },
  { target: "name.givenName", source: attr("firstName") },
  { target: "name.familyName", source: attr("lastName") },
  { target: "displayName", source: attr("displayName") },
  { target: 'emails[type eq "work"].value', source: attr("email") },
  { target: "active", source: attr("active") },
  { target: "externalId", source: attr("id") },
];
const constant = (value: string | boolean) => ({ type: "constant", value });
const errorOf = (res: LightMyRequestResponse) => res.json().error as { code: string; message: string };

const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
const BAD_URL = "connection.invalid_url";

/** What the probe verifies per profile: patch, filter sw, pagination, page cap, members in lists. */
const PROBED = [
  ["strict", true, true, "index", 1000, true],
  ["aws", true, false, "cursor", 100, false],
  ["no-patch", false, true, "index", 1000, true],
] as const;

describeEachDialect("provisioning connection, schema and mapping", (getDb) => {
  let api: TestApi;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    api = await openTestApi(getDb(), { scim: FAST_SCIM });
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  afterAll(async () => {
    await api.ctx.jobs.close();
    await api.ctx.provisioning.close();
    await api.app.close();
  });

  const rigFor = async (target: StartOptions = {}) => {
    const rig = await openProvisioningRig(getDb(), { api, target, connect: false });
    closers.push(() => rig.close());
    return rig;
  };
  const connect = (rig: ProvisioningRig) =>
    rig.put("/connection", { baseUrl: rig.target.url, token: rig.token });
  const connected = async (target: StartOptions = {}) => {
    const rig = await rigFor(target);
    expect((await connect(rig)).statusCode).toBe(200);
    return rig;
  };
  const extraTarget = async (opts: StartOptions) => {
    const t = await startScimTarget(opts);
    closers.push(() => t.close());
    return t;
  };
  const expectDisconnected = async (rig: ProvisioningRig) => {
    const res = await rig.get("/connection");
    expect([res.statusCode, res.json()]).toMatchObject([200, { status: "disconnected", tokenSet: false }]);
  };
  const noResources = (target: ScimTarget) =>
    expect([target.users().length, target.groups().length]).toEqual([0, 0]);
  const grantAccess = async (rig: ProvisioningRig, userId: string) => {
    const res = await api.inject({ method: "PUT", url: `/api/applications/${rig.appId}/users/${userId}` });
    expect(res.statusCode).toBeLessThan(300);
  };

  describe("connecting", () => {
    it.each(PROBED)(
      "connects to a %s target, shows the probed capabilities and leaves no probe user or group behind",
      async (profile, patch, sw, pagination, maxPageSize, groupListIncludesMembers) => {
        const rig = await rigFor({ profile });
        const put = await connect(rig);
        expect(put.statusCode).toBe(200);
        const res = await rig.get("/connection");
        expect(res.json()).toEqual({
          baseUrl: rig.target.url,
          authType: "bearer",
          tokenSet: true,
          status: "connected",
          verifiedAt: put.json().verifiedAt,
          capabilities: {
            patch,
            filter: { eq: true, and: true, sw },
            pagination,
            maxPageSize,
            groupListIncludesMembers,
            contentType: "application/scim+json",
            deleteDeactivatesOnly: false,
            source: "probe",
          },
          lastError: null,
          username: null,
          clientId: null,
          tokenUrl: null,
        });
        expect(put.body + res.body).not.toContain(rig.token);
        const creates = rig.target.requests.filter((r) => r.method === "POST" && r.path.endsWith("/Users"));
        expect(creates.map((r) => r.status)).toEqual([201]);
        noResources(rig.target);
      },
    );

    it("connects with HTTP Basic and shows the user name but never the password", async () => {
      const password = `pw-${randomUUID()}`;
      const rig = await rigFor({ basic: { username: "scim-admin", password } });
      const put = await rig.put("/connection", {
        baseUrl: rig.target.url,
        auth: { type: "basic", username: "scim-admin", password },
      });
      expect(put.statusCode).toBe(200);
      const res = await rig.get("/connection");
      expect(res.json()).toMatchObject({ status: "connected", authType: "basic", username: "scim-admin" });
      expect(put.body + res.body).not.toContain(password);
      noResources(rig.target);
    });

    it("connects with OAuth client credentials and shows the client id but never the secret", async () => {
      const clientSecret = `cs-${randomUUID()}`;
      const rig = await rigFor({ oauth: { clientId: "smartlink", clientSecret } });
      const tokenUrl = `${rig.target.origin}/oauth/token`;
      const put = await rig.put("/connection", {
        baseUrl: rig.target.url,
        auth: { type: "oauth", tokenUrl, clientId: "smartlink", clientSecret },
      });
      expect(put.statusCode).toBe(200);
      const res = await rig.get("/connection");
      expect(res.json()).toMatchObject({
        status: "connected",
        authType: "oauth",
        clientId: "smartlink",
        tokenUrl,
      });
      const activity = await rig.get("/activity?pageSize=500");
      expect(activity.json().total).toBeGreaterThan(0);
      expect(put.body + res.body + activity.body).not.toContain(clientSecret);
      noResources(rig.target);
    });
  });

  describe("bad input", () => {
    // "URL" in a body stands for the rig's simulator base URL.
    const cases: Array<[string, object, string]> = [
      ["a base URL that is not a URL", { baseUrl: "not a url", token: "t" }, BAD_URL],
      ["an ftp:// base URL", { baseUrl: "ftp://example.test/scim/v2", token: "t" }, BAD_URL],
      ["credentials in the base URL", { baseUrl: "http://u:p@127.0.0.1:9/scim/v2", token: "t" }, BAD_URL],
      ["a #fragment in the base URL", { baseUrl: "URL#users", token: "t" }, BAD_URL],
      ["no token on the first connection", { baseUrl: "URL" }, "connection.token_required"],
      [
        "both a token and auth",
        { baseUrl: "URL", token: "t", auth: { type: "bearer", token: "t" } },
        "connection.ambiguous_auth",
      ],
      ["an unknown body field", { baseUrl: "URL", token: "t", insecure: true }, "request.invalid"],
      ["an empty token", { baseUrl: "URL", token: "" }, "request.invalid"],
      [
        "an OAuth token URL that is not http(s)",
        { baseUrl: "URL", auth: { type: "oauth", tokenUrl: "ftp://x/t", clientId: "c", clientSecret: "s" } },
        BAD_URL,
      ],
    ];
    it.each(cases)("rejects %s with 400, saves nothing and calls no target", async (_name, body, code) => {
      const rig = await rigFor();
      const payload = JSON.parse(JSON.stringify(body).replace("URL", rig.target.url));
      const res = await rig.put("/connection", payload);
      expect([res.statusCode, errorOf(res).code]).toEqual([400, code]);
      await expectDisconnected(rig);
      expect(rig.target.requests).toEqual([]);
    });
  });

  describe("failing targets", () => {
    it("says the credentials were refused (HTTP 401) for a wrong token and saves nothing", async () => {
      const rig = await rigFor();
      const wrong = `wrong-${randomUUID()}`;
      const res = await rig.put("/connection", { baseUrl: rig.target.url, token: wrong });
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.unauthorized"]);
      expect(errorOf(res).message).toContain("(HTTP 401)");
      expect(res.body).not.toContain(wrong);
      await expectDisconnected(rig);
      noResources(rig.target);
    });

    it("says the target is unreachable when nothing listens on the port", async () => {
      const rig = await rigFor();
      const gone = await startScimTarget({ token: rig.token });
      const url = gone.url;
      await gone.close();
      const res = await rig.put("/connection", { baseUrl: url, token: rig.token });
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.unreachable"]);
      await expectDisconnected(rig);
    });

    it("says no SCIM endpoint answered when the base URL has the wrong path", async () => {
      const rig = await rigFor();
      const res = await rig.put("/connection", { baseUrl: `${rig.target.origin}/nope`, token: rig.token });
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.not_scim"]);
      await expectDisconnected(rig);
      noResources(rig.target);
    });

    it("says access was refused when the target answers 403", async () => {
      const rig = await rigFor();
      const server = createServer((_req, res) => {
        res.writeHead(403, { "content-type": "application/scim+json" });
        res.end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"403"}');
      });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      closers.push(() => new Promise((ok) => server.close(ok)));
      const { port } = server.address() as AddressInfo;
      const res = await rig.put("/connection", { baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: "t" });
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.forbidden"]);
      expect(errorOf(res).message).toContain("403");
      await expectDisconnected(rig);
    });

    it("removes the probe user when the probe fails midway, and saves nothing", async () => {
      const rig = await rigFor();
      rig.target.failNext(20, "500", { method: "GET", pathPrefix: "/Users" });
      const res = await connect(rig);
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.target_error"]);
      expect(rig.target.requests.some((r) => r.method === "DELETE" && r.path.includes("/Users/"))).toBe(true);
      noResources(rig.target);
      await expectDisconnected(rig);
    });

    it("keeps a working connection unchanged when a new test with a wrong token fails", async () => {
      const rig = await connected();
      const before = (await rig.get("/connection")).json();
      const res = await rig.put("/connection", { baseUrl: rig.target.url, token: "wrong-token" });
      expect([res.statusCode, errorOf(res).code]).toEqual([400, "connection.unauthorized"]);
      expect((await rig.get("/connection")).json()).toEqual(before);
      const accounts = await rig.get("/accounts");
      expect([accounts.statusCode, accounts.json().total]).toEqual([200, 0]);
    });
  });

  describe("credentials", () => {
    it("stores the token encrypted, never in clear", async () => {
      const rig = await connected();
      const row = await api.ctx.database.db
        .selectFrom("scim_connections")
        .select("credentials")
        .where("application_id", "=", rig.appId)
        .executeTakeFirstOrThrow();
      const sealed = String(row.credentials);
      expect(sealed.length).toBeGreaterThan(rig.token.length);
      expect(sealed).not.toContain(rig.token.slice(4));
      expect(sealed).not.toContain(Buffer.from(rig.token).toString("base64").slice(0, 16));
    });

    it("logs the connection test as connection.verify by the admin, without the token", async () => {
      const rig = await connected();
      await rig.put("/connection", { baseUrl: rig.target.url, token: "wrong-token-in-log" });
      const all = await rig.get("/activity?pageSize=500");
      expect(all.statusCode).toBe(200);
      expect(all.body).not.toContain(rig.token);
      expect(all.body).not.toContain("wrong-token-in-log");
      const verify = (await rig.get("/activity?operation=connection.verify&pageSize=500")).json();
      expect(verify.total).toBe(all.json().total);
      type Entry = { actor: { type: string; label: string }; method: string; path: string; status: number };
      const items = verify.items as Entry[];
      const actors = new Set(items.map((e) => `${e.actor.type}:${e.actor.label}`));
      expect([...actors]).toEqual(["admin:admin@example.com"]);
      const probeCreate = items.find((e) => e.method === "POST" && e.path.endsWith("/Users"));
      expect(probeCreate).toMatchObject({ status: 201, ok: true, resourceType: "User" });
      // Every refused request of the failed test is in the log, as the target saw it.
      const refused = rig.target.requests.filter((r) => r.status === 401).length;
      expect(refused).toBeGreaterThan(0);
      expect(items.filter((e) => e.status === 401)).toHaveLength(refused);
    });
  });

  describe("locked tabs", () => {
    const tabs = ["/accounts", "/access", "/groups", "/folders", "/schema", "/mapping"];

    it("answers 409 provisioning.not_connected on every tab until a connection works", async () => {
      const rig = await rigFor();
      for (const path of tabs) {
        const res = await rig.get(path);
        expect([path, res.statusCode, errorOf(res).code]).toEqual([path, 409, "provisioning.not_connected"]);
      }
      const refreshes = [rig.post("/schema/refresh"), rig.post("/accounts/refresh")];
      const writes = [...refreshes, rig.put("/mapping", { user: DEFAULT_MAPPING })];
      for (const res of await Promise.all(writes))
        expect([res.statusCode, errorOf(res).code]).toEqual([409, "provisioning.not_connected"]);
      const activity = await rig.get("/activity");
      expect([activity.statusCode, activity.json().total]).toEqual([200, 0]);
    });

    it("answers 404 application.not_found for an unknown application", async () => {
      const base = `/api/applications/${randomUUID()}/provisioning`;
      const payload = { baseUrl: "http://127.0.0.1:9/scim/v2", token: "t" };
      const calls = [
        ...["connection", "schema", "mapping", "accounts"].map((p) =>
          api.inject({ method: "GET", url: `${base}/${p}` }),
        ),
        api.inject({ method: "PUT", url: `${base}/connection`, payload }),
        api.inject({ method: "DELETE", url: `${base}/connection` }),
      ];
      for (const res of await Promise.all(calls))
        expect([res.statusCode, errorOf(res).code]).toEqual([404, "application.not_found"]);
    });

    it("disconnects with 204 and locks the tabs again", async () => {
      const rig = await connected();
      expect((await rig.get("/accounts")).statusCode).toBe(200);
      const res = await rig.del("/connection");
      expect([res.statusCode, res.body]).toEqual([204, ""]);
      await expectDisconnected(rig);
      for (const path of tabs) expect((await rig.get(path)).statusCode).toBe(409);
      const again = await rig.put("/connection", { baseUrl: rig.target.url });
      expect([again.statusCode, errorOf(again).code]).toEqual([400, "connection.token_required"]);
    });
  });

  describe("changing the target", () => {
    /** A connected rig whose snapshot holds 3 seeded accounts plus one linked to a SmartLink user. */
    const withSnapshot = async () => {
      const rig = await connected();
      rig.target.seedUsers(3);
      const user = await rig.user();
      await grantAccess(rig, user.id);
      const created = await rig.post(`/access/${user.id}/create-account`);
      expect([created.statusCode, created.json().outcome]).toEqual([200, "created"]);
      const refresh = await rig.post("/accounts/refresh");
      expect(refresh.statusCode).toBe(202);
      expect((await rig.waitJob(refresh.json().jobId)).state).toBe("succeeded");
      const accounts = (await rig.get("/accounts")).json();
      expect(accounts.total).toBe(4);
      expect(accounts.items.filter((a: { linkedUser: unknown }) => a.linkedUser !== null)).toHaveLength(1);
      return { rig, user };
    };
    const expectForgotten = async (rig: ProvisioningRig, userId: string) => {
      expect((await rig.get("/accounts")).json()).toMatchObject({ items: [], total: 0 });
      const access = (await rig.get("/access")).json();
      type Row = { user: { id: string }; presentInApp: boolean; accountId: string | null };
      const rows = (access.items as Row[]).map((r) => [r.user.id, r.presentInApp, r.accountId]);
      expect(rows).toEqual([[userId, false, null]]);
    };

    it("clears the old target's snapshot and links when the base URL changes", async () => {
      const { rig, user } = await withSnapshot();
      const second = await extraTarget({ token: rig.token });
      const res = await rig.put("/connection", { baseUrl: second.url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ baseUrl: second.url, status: "connected", targetChanged: true });
      await expectForgotten(rig, user.id);
      noResources(second);
    });

    it("re-tests the same target with the stored credentials when the token is omitted, keeping the snapshot", async () => {
      const { rig } = await withSnapshot();
      rig.target.clearRequests();
      const res = await rig.put("/connection", { baseUrl: `${rig.target.url}/` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ baseUrl: rig.target.url, status: "connected", authType: "bearer" });
      expect(res.json().targetChanged).toBeUndefined();
      expect(rig.target.requests.filter((r) => r.status === 401)).toEqual([]);
      expect(rig.target.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([201, 201]);
      expect((await rig.get("/accounts")).json().total).toBe(4);
      expect(rig.target.users()).toHaveLength(4);
    });

    it("clears the old target's snapshot and links when reconnecting to another target after a disconnect", async () => {
      const { rig, user } = await withSnapshot();
      expect((await rig.del("/connection")).statusCode).toBe(204);
      const second = await extraTarget({ token: rig.token });
      const res = await rig.put("/connection", { baseUrl: second.url, token: rig.token });
      expect(res.statusCode).toBe(200);
      await expectForgotten(rig, user.id);
    });
  });

  describe("schema", () => {
    it("shows the target's schemas, the verified capabilities and one history entry", async () => {
      const rig = await connected();
      const conn = (await rig.get("/connection")).json();
      const res = await rig.get("/schema");
      const view = res.json();
      expect(res.statusCode).toBe(200);
      expect(ids(view.schemas)).toEqual([USER_URN, GROUP_URN, ENTERPRISE_URN]);
      const user = view.schemas.find((s: { id: string }) => s.id === USER_URN);
      const userName = user.attributes.find((a: { name: string }) => a.name === "userName");
      expect(userName).toMatchObject({ type: "string", required: true, uniqueness: "server" });
      expect(view.fallback).toEqual({ serviceProviderConfig: false, resourceTypes: false, schemas: false });
      expect(view.capabilities).toEqual(conn.capabilities);
      expect(view.history).toEqual([{ id: expect.any(Number), fetchedAt: conn.verifiedAt }]);
      expect(view.fetchedAt).toBe(conn.verifiedAt);
    });

    it("re-fetches an unchanged schema without adding a history entry", async () => {
      const rig = await connected();
      const before = (await rig.get("/schema")).json();
      const res = await rig.post("/schema/refresh");
      expect(res.statusCode).toBe(200);
      const view = res.json();
      expect(view.changed).toBe(false);
      expect(ids(view.history)).toEqual([before.history[0].id]);
      expect(view.schemas).toEqual(before.schemas);
      expect(view.capabilities).toEqual(before.capabilities);
      const rows = (await rig.get("/activity?operation=schema.refresh")).json().items;
      const paths = (rows as Array<{ path: string }>).map((e) => e.path.replace(/^\/scim\/v2/, "")).sort();
      expect(paths).toEqual(["/ResourceTypes", "/Schemas", "/ServiceProviderConfig"]);
    });

    it("falls back to the core schemas on a target without discovery endpoints", async () => {
      const rig = await connected({ profile: "no-discovery" });
      const view = (await rig.get("/schema")).json();
      expect(view.fallback).toEqual({ serviceProviderConfig: true, resourceTypes: true, schemas: true });
      expect(ids(view.schemas)).toContain(USER_URN);
      expect(view.capabilities).toMatchObject({ source: "probe", patch: true });
      noResources(rig.target);
    });
  });

  describe("mapping", () => {
    it("starts from the default mapping", async () => {
      const rig = await connected();
      const res = await rig.get("/mapping");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ user: DEFAULT_MAPPING, defaults: DEFAULT_MAPPING });
    });

    const m = (target: string, source: object) => ({ target, source });
    const userName = m("userName", attr("email"));
    const bad: Array<[string, object[], string[]]> = [
      ["an unknown attribute", [userName, m("favouriteColour", attr("email"))], ["unknown_attribute"]],
      ["a read-only attribute", [userName, m("id", attr("id"))], ["read_only"]],
      ["a boolean into a string", [userName, m("displayName", constant(true))], ["type_mismatch"]],
      ["no userName", [m("displayName", attr("displayName"))], ["missing_user_name"]],
      [
        "several problems at once, each listed",
        [userName, m("nope", attr("email")), m("meta", attr("id")), m("active", attr("email"))],
        ["unknown_attribute", "read_only", "type_mismatch"],
      ],
    ];
    it.each(bad)(
      "rejects a mapping with %s as mapping.invalid and keeps the saved one",
      async (_name, user, codes) => {
        const rig = await connected();
        const res = await rig.put("/mapping", { user });
        expect([res.statusCode, errorOf(res).code]).toEqual([400, "mapping.invalid"]);
        expect(res.json().error.details.issues.map((i: { code: string }) => i.code)).toEqual(codes);
        expect((await rig.get("/mapping")).json().user).toEqual(DEFAULT_MAPPING);
      },
    );

    it("saves a valid mapping and sends its attributes when an account is created", async () => {
      const rig = await connected();
      const mapping = [
        ...DEFAULT_MAPPING,
        { target: "title", source: constant("Engineer") },
        { target: `${ENTERPRISE_URN}:department`, source: attr("attributes.department") },
      ];
      const put = await rig.put("/mapping", { user: mapping });
      expect([put.statusCode, put.json()]).toEqual([200, { user: mapping, defaults: DEFAULT_MAPPING }]);
      expect((await rig.get("/mapping")).json().user).toEqual(mapping);

      const email = `grace-${randomUUID().slice(0, 8)}@example.test`;
      const created = await api.inject({
        method: "POST",
        url: "/api/users",
        payload: { email, firstName: "Grace", lastName: "Hopper", attributes: { department: "R&D" } },
      });
      expect(created.statusCode).toBe(201);
      const user = created.json();
      await grantAccess(rig, user.id);
      const res = await rig.post(`/access/${user.id}/create-account`);
      expect([res.statusCode, res.json().outcome]).toEqual([200, "created"]);
      const account = rig.target.users().find((u) => u.id === res.json().accountId);
      expect(account).toMatchObject({
        userName: email,
        name: { givenName: "Grace", familyName: "Hopper" },
        emails: [{ value: email, type: "work", primary: true }],
        active: true,
        externalId: user.id,
        title: "Engineer",
        [ENTERPRISE_URN]: { department: "R&D" },
      });
      expect(account?.schemas).toEqual([USER_URN, ENTERPRISE_URN]);
    });
  });
});
