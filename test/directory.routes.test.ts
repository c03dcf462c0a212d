/**
 * /api/users, /api/folders, /api/applications over HTTP (app.inject, real auth hook): every route's
 * happy path, and bad input everywhere — each bad request is shown to change nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "./db-harness.js";
import { openTestApi, type TestApi } from "./helpers/api.js";

describeEachDialect("directory routes", (getDb) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(getDb());
  });
  afterAll(async () => {
    await api.app.close();
  });
  const tag = () => randomUUID().slice(0, 8);
  const json = (method: "POST" | "PATCH" | "PUT", url: string, payload?: unknown) =>
    api.inject({ method, url, payload: payload as object });
  const get = (url: string) => api.inject({ method: "GET", url });
  const del = (url: string) => api.inject({ method: "DELETE", url });
  const newUser = async () =>
    (
      await json("POST", "/api/users", { email: `${tag()}@example.test`, firstName: "Ada", lastName: "L" })
    ).json();
  const newApp = async () => (await json("POST", "/api/applications", { name: `App ${tag()}` })).json();
  const newFolder = async () => (await json("POST", "/api/folders", { name: `Folder ${tag()}` })).json();
  /** Event count and table counts: "nothing changed" means this snapshot is equal before and after. */
  const snapshot = async () => {
    const db = getDb().db;
    const counts = await Promise.all(
      (
        [
          "users",
          "folders",
          "applications",
          "folder_members",
          "folder_applications",
          "application_assignments",
          "events",
        ] as const
      ).map(async (t) =>
        Number(
          (
            await db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
    const latest = await db
      .selectFrom("users")
      .select(["id", "updated_at"])
      .orderBy("updated_at", "desc")
      .limit(1)
      .execute();
    return { counts, latest };
  };

  it("rejects anonymous calls with 401", async () => {
    expect((await api.app.inject({ method: "GET", url: "/api/users" })).statusCode).toBe(401);
  });

  describe("happy paths", () => {
    it("creates, reads, lists, updates, deactivates, reactivates and deletes a user", async () => {
      const email = `Route.${tag()}@Example.test`;
      const created = await json("POST", "/api/users", {
        email,
        firstName: "Ada",
        lastName: "Lovelace",
        attributes: { title: "Countess" },
      });
      expect(created.statusCode).toBe(201);
      const u = created.json();
      expect(u).toMatchObject({
        email,
        displayName: "Ada Lovelace",
        active: true,
        attributes: { title: "Countess" },
      });
      expect((await get(`/api/users/${u.id}`)).json()).toEqual(u);
      const list = await get(`/api/users?search=${encodeURIComponent(email.toLowerCase())}&pageSize=5`);
      expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ id: u.id }] });
      const patched = await json("PATCH", `/api/users/${u.id}`, { lastName: "King" });
      expect(patched.json()).toMatchObject({ lastName: "King", displayName: "Ada King" });
      expect((await json("POST", `/api/users/${u.id}/deactivate`)).json()).toMatchObject({ active: false });
      expect(
        (await get(`/api/users?active=false&search=${u.id.slice(0, 0)}${encodeURIComponent(email)}`)).json()
          .total,
      ).toBe(1);
      expect((await json("POST", `/api/users/${u.id}/reactivate`)).json()).toMatchObject({ active: true });
      const deleted = await del(`/api/users/${u.id}`);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe("");
      expect((await get(`/api/users/${u.id}`)).statusCode).toBe(404);
    });

    it("manages folders, their members and their applications", async () => {
      const [u, a] = [await newUser(), await newApp()];
      const created = await json("POST", "/api/folders", { name: `Sales ${tag()}`, description: "EMEA" });
      expect(created.statusCode).toBe(201);
      const f = created.json();
      expect(f).toMatchObject({ description: "EMEA", memberCount: 0, applicationCount: 0 });
      expect((await json("PUT", `/api/folders/${f.id}/members/${u.id}`)).json()).toEqual({
        changed: true,
        events: 0,
      });
      expect((await json("PUT", `/api/folders/${f.id}/applications/${a.id}`)).json()).toEqual({
        changed: true,
        events: 1,
      });
      expect((await json("PUT", `/api/folders/${f.id}/applications/${a.id}`)).json()).toEqual({
        changed: false,
        events: 0,
      });
      expect((await get(`/api/folders/${f.id}`)).json()).toMatchObject({
        memberCount: 1,
        applicationCount: 1,
      });
      expect((await get(`/api/folders/${f.id}/members`)).json()).toMatchObject({
        total: 1,
        items: [{ id: u.id }],
      });
      expect((await get(`/api/folders/${f.id}/applications`)).json()).toEqual({
        items: [a],
        total: 1,
        page: 1,
        pageSize: 1,
      });
      expect((await get(`/api/folders?search=${encodeURIComponent(f.name)}`)).json().items[0].id).toBe(f.id);
      expect((await json("PATCH", `/api/folders/${f.id}`, { name: "Renamed" })).json()).toMatchObject({
        name: "Renamed",
      });
      expect((await del(`/api/folders/${f.id}/applications/${a.id}`)).statusCode).toBe(204);
      expect((await del(`/api/folders/${f.id}/members/${u.id}`)).statusCode).toBe(204);
      expect((await del(`/api/folders/${f.id}`)).statusCode).toBe(204);
      expect((await get(`/api/folders/${f.id}`)).json().error.code).toBe("folder.not_found");
    });

    it("manages applications, direct assignments and the access list", async () => {
      const u = await newUser();
      const created = await json("POST", "/api/applications", {
        name: `CRM ${tag()}`,
        url: "https://crm.example.test",
      });
      expect(created.statusCode).toBe(201);
      const a = created.json();
      expect(a).toMatchObject({ url: "https://crm.example.test", iconUrl: null });
      expect((await get(`/api/applications/${a.id}`)).json()).toEqual(a);
      expect((await get(`/api/applications?search=${encodeURIComponent(a.name)}`)).json().items).toEqual([a]);
      const patched = await json("PATCH", `/api/applications/${a.id}`, {
        url: null,
        iconUrl: "https://crm.example.test/i.png",
      });
      expect(patched.json()).toMatchObject({ url: null, iconUrl: "https://crm.example.test/i.png" });
      expect((await json("PUT", `/api/applications/${a.id}/users/${u.id}`)).json()).toEqual({
        changed: true,
        events: 1,
      });
      const access = (await get(`/api/applications/${a.id}/access`)).json();
      expect(access).toMatchObject({ total: 1, items: [{ user: { id: u.id }, via: [{ type: "direct" }] }] });
      expect((await del(`/api/applications/${a.id}/users/${u.id}`)).statusCode).toBe(204);
      expect((await get(`/api/applications/${a.id}/access`)).json().total).toBe(0);
      expect((await del(`/api/applications/${a.id}`)).statusCode).toBe(204);
      expect((await get(`/api/applications/${a.id}`)).statusCode).toBe(404);
    });

    it("documents every directory route in the OpenAPI document", async () => {
      await api.app.ready();
      const doc = api.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
      for (const path of [
        "/api/users",
        "/api/users/{id}/deactivate",
        "/api/folders/{id}/members/{userId}",
        "/api/folders/{id}/applications/{appId}",
        "/api/applications/{id}/users/{userId}",
        "/api/applications/{id}/access",
      ]) {
        expect(Object.values(doc.paths[path] ?? {})[0]?.tags, path).toBeDefined();
      }
    });
  });

  describe("bad input changes nothing", () => {
    const expectUnchanged = async (fn: () => Promise<void>) => {
      const before = await snapshot();
      await fn();
      expect(await snapshot()).toEqual(before);
    };

    it("answers 404 with a domain code for well-formed unknown ids", async () => {
      const [u, a, f] = [await newUser(), await newApp(), await newFolder()];
      const missing = randomUUID();
      await expectUnchanged(async () => {
        const cases: Array<[Promise<{ statusCode: number; json(): { error: { code: string } } }>, string]> = [
          [get(`/api/users/${missing}`), "user.not_found"],
          [json("PATCH", `/api/users/${missing}`, { firstName: "X" }), "user.not_found"],
          [del(`/api/users/${missing}`), "user.not_found"],
          [json("POST", `/api/users/${missing}/deactivate`), "user.not_found"],
          [json("POST", `/api/users/${missing}/reactivate`), "user.not_found"],
          [get(`/api/folders/${missing}`), "folder.not_found"],
          [json("PATCH", `/api/folders/${missing}`, { name: "X" }), "folder.not_found"],
          [del(`/api/folders/${missing}`), "folder.not_found"],
          [get(`/api/folders/${missing}/members`), "folder.not_found"],
          [get(`/api/folders/${missing}/applications`), "folder.not_found"],
          [json("PUT", `/api/folders/${f.id}/members/${missing}`), "user.not_found"],
          [del(`/api/folders/${missing}/members/${u.id}`), "folder.not_found"],
          [json("PUT", `/api/folders/${f.id}/applications/${missing}`), "application.not_found"],
          [del(`/api/folders/${f.id}/applications/${missing}`), "application.not_found"],
          [get(`/api/applications/${missing}`), "application.not_found"],
          [json("PATCH", `/api/applications/${missing}`, { name: "X" }), "application.not_found"],
          [del(`/api/applications/${missing}`), "application.not_found"],
          [json("PUT", `/api/applications/${a.id}/users/${missing}`), "user.not_found"],
          [del(`/api/applications/${missing}/users/${u.id}`), "application.not_found"],
          [get(`/api/applications/${missing}/access`), "application.not_found"],
        ];
        for (const [res, code] of cases) {
          const r = await res;
          expect([r.statusCode, r.json().error.code]).toEqual([404, code]);
        }
      });
    });

    it("answers 400 for malformed ids in the path", async () => {
      await expectUnchanged(async () => {
        for (const url of ["/api/users/nope", "/api/folders/123", "/api/applications/x/access"]) {
          const r = await get(url);
          expect(r.statusCode).toBe(400);
          expect(r.json().error.message).toMatch(/params\.id/);
        }
      });
    });

    it("answers 409 user.email_taken for a duplicate email in another case", async () => {
      const u = await newUser();
      await expectUnchanged(async () => {
        const r = await json("POST", "/api/users", {
          email: u.email.toUpperCase(),
          firstName: "B",
          lastName: "C",
        });
        expect(r.statusCode).toBe(409);
        expect(r.json().error.code).toBe("user.email_taken");
      });
    });

    it("answers 400 for malformed JSON", async () => {
      await expectUnchanged(async () => {
        const r = await api.inject({
          method: "POST",
          url: "/api/users",
          payload: '{"email": "a@b.c",',
          headers: { "content-type": "application/json" },
        });
        expect(r.statusCode).toBe(400);
        expect(r.json().error.code).toBe("request.malformed_json");
      });
    });

    it("answers 400 naming the field for wrong types, invalid emails and over-long strings", async () => {
      const u = await newUser();
      await expectUnchanged(async () => {
        const cases: Array<
          [Promise<{ statusCode: number; json(): { error: { message: string } } }>, RegExp]
        > = [
          [
            json("POST", "/api/users", { email: "a@b.test", firstName: 42, lastName: "L" }),
            /body\.firstName/,
          ],
          [
            json("POST", "/api/users", { email: "not-an-email", firstName: "F", lastName: "L" }),
            /body\.email/,
          ],
          [
            json("POST", "/api/users", { email: "a@b.test", firstName: "x".repeat(101), lastName: "L" }),
            /body\.firstName/,
          ],
          [json("PATCH", `/api/users/${u.id}`, { attributes: "phone" }), /body\.attributes/],
          [json("POST", "/api/folders", { name: "" }), /body\.name/],
          [json("POST", "/api/applications", { name: "CRM", url: "not a url" }), /body\.url/],
          [get("/api/users?pageSize=501"), /querystring\.pageSize/],
          [get("/api/users?page=0"), /querystring\.page/],
          [get("/api/users?active=maybe"), /querystring\.active/],
        ];
        for (const [res, message] of cases) {
          const r = await res;
          expect(r.statusCode).toBe(400);
          expect(r.json().error.message).toMatch(message);
        }
      });
    });

    it("answers 400 naming unknown fields", async () => {
      const u = await newUser();
      await expectUnchanged(async () => {
        for (const [method, url, body] of [
          ["POST", "/api/users", { email: "z@z.test", firstName: "F", lastName: "L", role: "admin" }],
          ["PATCH", `/api/users/${u.id}`, { active: false }],
          ["POST", "/api/folders", { name: "F", color: "red" }],
          ["POST", "/api/applications", { name: "A", scimUrl: "https://x.test" }],
        ] as const) {
          const r = await json(method, url, body);
          expect(r.statusCode).toBe(400);
          expect(r.json().error.message).toMatch(/role|active|color|scimUrl/);
        }
      });
    });

    it("answers 413 for bodies over 1 MiB", async () => {
      await expectUnchanged(async () => {
        const r = await json("POST", "/api/folders", {
          name: "Big",
          description: "x".repeat(1024 * 1024 + 1),
        });
        expect(r.statusCode).toBe(413);
        expect(r.json().error.code).toBe("request.too_large");
      });
    });
  });
});
