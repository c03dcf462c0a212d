/**
 * The Access, Groups and Folders tabs over the real HTTP API, against the real SCIM simulator, on
 * both dialects. The core flows run on the "strict", "aws" and "no-patch" profiles; every outcome is
 * checked in the target's own state (`target.users()`, `target.groups()`), not only through our API.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../tools/scim-target/index.js";
import { describeEachDialect } from "./db-harness.js";
import { openTestApi, type TestApi } from "./helpers/api.js";
import { FAST_SCIM, openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PROFILES: ProfileName[] = ["strict", "aws", "no-patch"];

type Res = LightMyRequestResponse;
type Row = Record<string, unknown> & { id?: string };

const tag = () => randomUUID().slice(0, 8);
const errorOf = (r: Res) => [r.statusCode, (r.json() as { error?: { code?: string } }).error?.code];
const sorted = (ids: readonly string[]) => [...ids].sort();

describeEachDialect("provisioning Access, Groups and Folders tabs", (getDb) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(getDb(), { scim: FAST_SCIM });
  });
  afterAll(async () => {
    // After a deadlock nothing can close cleanly; the suite has already failed and says why.
    const close = async () => {
      await api?.ctx.jobs.close();
      await api?.ctx.provisioning.close();
      await api?.app.close();
    };
    await (stuck ? bounded(close(), "closing the API", 2_000).catch(() => {}) : close());
  });

  /**
   * Every call is bounded: a request that never answers fails its test in seconds. On SQLite (one
   * connection) such a request holds the connection for good, so later tests of the suite fail at
   * once with a pointer to it instead of each waiting for the timeout.
   */
  let stuck: string | undefined;
  function bounded<T>(p: Promise<T>, what: string, ms = 5_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stuck ??= what;
        reject(
          new Error(`${what}: no answer within ${ms} ms (on SQLite: something holds the only connection)`),
        );
      }, ms);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }

  /** Runs `fn` with a fresh simulator of `profile` and a new application connected to it. */
  async function withRig(profile: ProfileName, fn: (rig: ProvisioningRig) => Promise<void>) {
    if (stuck) throw new Error(`not run: "${stuck}" never answered and still holds the database`);
    const raw = await bounded(openProvisioningRig(getDb(), { api, target: { profile } }), "opening a rig");
    const rig: ProvisioningRig = {
      ...raw,
      api: { ...raw.api, inject: (o) => bounded(raw.api.inject(o), `${o.method} ${o.url}`) },
      get: (path) => bounded(raw.get(path), `GET ${path}`),
      post: (path, body) => bounded(raw.post(path, body), `POST ${path}`),
      put: (path, body) => bounded(raw.put(path, body), `PUT ${path}`),
      del: (path) => bounded(raw.del(path), `DELETE ${path}`),
      waitJob: (id) => bounded(raw.waitJob(id), `job ${id}`, 15_000),
      user: (fields) => bounded(raw.user(fields), "POST /api/users"),
    };
    let failed = false;
    try {
      await fn(rig);
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      const closing = bounded(raw.close(), "closing the rig");
      if (failed) await closing.catch(() => {});
      else await closing;
    }
  }

  const call = (rig: ProvisioningRig, method: "GET" | "POST" | "PUT" | "DELETE", url: string) =>
    rig.api.inject({ method, url });
  const ok = async (p: Promise<Res>, status = 200) => {
    const r = await p;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const grant = (rig: ProvisioningRig, userId: string) =>
    ok(call(rig, "PUT", `/api/applications/${rig.appId}/users/${userId}`));
  const newFolder = async (rig: ProvisioningRig, name = `Folder ${tag()}`) =>
    (await ok(rig.api.inject({ method: "POST", url: "/api/folders", payload: { name } }), 201)) as {
      id: string;
      name: string;
    };
  const join = (rig: ProvisioningRig, folderId: string, userId: string) =>
    ok(call(rig, "PUT", `/api/folders/${folderId}/members/${userId}`));
  const leave = async (rig: ProvisioningRig, folderId: string, userId: string) =>
    expect((await call(rig, "DELETE", `/api/folders/${folderId}/members/${userId}`)).statusCode).toBe(204);
  const addApp = (rig: ProvisioningRig, folderId: string) =>
    ok(call(rig, "PUT", `/api/folders/${folderId}/applications/${rig.appId}`));
  const folderAppIds = async (rig: ProvisioningRig, folderId: string) =>
    ((await ok(call(rig, "GET", `/api/folders/${folderId}/applications`))).items as Row[]).map((a) => a.id);
  const folderMemberIds = async (rig: ProvisioningRig, folderId: string) =>
    ((await ok(call(rig, "GET", `/api/folders/${folderId}/members?pageSize=100`))).items as Row[]).map(
      (u) => u.id as string,
    );

  /** A SmartLink user with direct access and an account created through the Access tab. */
  async function linkedUser(rig: ProvisioningRig) {
    const user = await rig.user();
    await grant(rig, user.id);
    const body = await ok(rig.post(`/access/${user.id}/create-account`));
    expect(body.outcome).toBe("created");
    return { ...user, accountId: body.accountId as string };
  }
  /** An account in the target that no SmartLink user is linked to. */
  function strangerAccount(rig: ProvisioningRig): string {
    const userName = `stranger-${tag()}@example.test`;
    rig.target.seedUsers(1, () => ({ userName }));
    return rig.target.users().find((u) => u.userName === userName)!.id;
  }
  function seedGroup(rig: ProvisioningRig, displayName: string, members: string[] = []): string {
    rig.target.seedGroups(1, () => ({ displayName, members: members.map((value) => ({ value })) }));
    return rig.target.groups().find((g) => g.displayName === displayName)!.id;
  }
  const targetGroup = (rig: ProvisioningRig, id: string) => rig.target.groups().find((g) => g.id === id);
  const targetMembers = (rig: ProvisioningRig, id: string) =>
    sorted((targetGroup(rig, id)?.members ?? []).map((m) => m.value));
  /** Deletes a resource in the target behind SmartLink's back. */
  async function deleteInTarget(rig: ProvisioningRig, path: string) {
    const r = await fetch(`${rig.target.url}${path}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${rig.token}` },
    });
    expect(r.status).toBe(204);
  }
  async function refresh(rig: ProvisioningRig, kind: "accounts" | "groups") {
    const { jobId } = await ok(rig.post(`/${kind}/refresh`), 202);
    expect((await rig.waitJob(jobId)).state).toBe("succeeded");
  }
  const accessRow = async (rig: ProvisioningRig, userId: string) =>
    ((await ok(rig.get("/access?pageSize=200"))).items as Array<{ user: Row }>).find(
      (r) => r.user.id === userId,
    );
  const groupRow = async (rig: ProvisioningRig, groupId: string) =>
    ((await ok(rig.get("/groups?pageSize=200"))).items as Row[]).find((g) => g.id === groupId);
  const folderRow = async (rig: ProvisioningRig, folderId: string) =>
    ((await ok(rig.get("/folders?pageSize=200"))).items as Array<{ folder: Row }>).find(
      (r) => r.folder.id === folderId,
    );
  const writes = (rig: ProvisioningRig, method: string, suffix: string) =>
    rig.target.requests.filter((r) => r.method === method && r.path.endsWith(suffix));

  for (const profile of PROFILES) {
    describe(`on the ${profile} profile`, () => {
      it("lists users with access directly and through folders, and creates, links and re-links an account", async () => {
        await withRig(profile, async (rig) => {
          const direct = await rig.user();
          const viaFolder = await rig.user();
          const outsider = await rig.user();
          await grant(rig, direct.id);
          const folder = await newFolder(rig);
          await join(rig, folder.id, viaFolder.id);
          await addApp(rig, folder.id);

          const list = await ok(rig.get("/access?pageSize=200"));
          expect(list.total).toBe(2);
          expect(await accessRow(rig, outsider.id)).toBeUndefined();
          expect(await accessRow(rig, direct.id)).toMatchObject({
            via: [{ type: "direct" }],
            presentInApp: false,
            presence: "absent",
            accountId: null,
          });
          expect(await accessRow(rig, viaFolder.id)).toMatchObject({
            via: [{ type: "folder", folderId: folder.id, name: folder.name }],
            presentInApp: false,
            presence: "absent",
            accountId: null,
          });

          const user = await ok(call(rig, "GET", `/api/users/${direct.id}`));
          const created = await ok(rig.post(`/access/${direct.id}/create-account`));
          expect(created).toMatchObject({ outcome: "created", user: { id: direct.id } });
          const account = rig.target.users().find((u) => u.id === created.accountId);
          expect(account).toBeDefined();
          const { meta: _meta, ...fields } = account!;
          expect(fields).toEqual({
            schemas: [USER_SCHEMA],
            id: created.accountId,
            userName: direct.email,
            name: { givenName: user.firstName, familyName: user.lastName },
            displayName: user.displayName,
            emails: [{ value: direct.email, type: "work", primary: true }],
            active: true,
            externalId: direct.id,
          });
          expect(await accessRow(rig, direct.id)).toMatchObject({
            presentInApp: true,
            presence: "linked",
            accountId: created.accountId,
            accountUserName: direct.email,
          });

          rig.target.clearRequests();
          const again = await ok(rig.post(`/access/${direct.id}/create-account`));
          expect(again).toMatchObject({ outcome: "alreadyLinked", accountId: created.accountId });
          expect(writes(rig, "POST", "/Users")).toEqual([]);
          expect(rig.target.users()).toHaveLength(1);
        });
      });

      it("links the existing account when create returns 409 uniqueness, shown as matched after a refresh", async () => {
        await withRig(profile, async (rig) => {
          const user = await rig.user();
          await grant(rig, user.id);
          rig.target.seedUsers(1, () => ({ userName: user.email }));
          const existing = rig.target.users().find((u) => u.userName === user.email)!;
          expect(await accessRow(rig, user.id)).toMatchObject({ presence: "absent", presentInApp: false });

          await refresh(rig, "accounts");
          expect(await accessRow(rig, user.id)).toMatchObject({
            presentInApp: true,
            presence: "matched",
            accountId: existing.id,
            accountUserName: user.email,
          });

          const count = rig.target.users().length;
          const res = await ok(rig.post(`/access/${user.id}/create-account`));
          expect(res).toMatchObject({ outcome: "linkedExisting", accountId: existing.id });
          expect(rig.target.users()).toHaveLength(count);
          expect(await accessRow(rig, user.id)).toMatchObject({ presence: "linked", accountId: existing.id });
        });
      });

      it("lists refreshed groups with their member counts, by name, with search and paging", async () => {
        await withRig(profile, async (rig) => {
          const [a, b] = [await linkedUser(rig), await linkedUser(rig)];
          const x = strangerAccount(rig);
          const t = tag();
          const alpha = seedGroup(rig, `Alpha ${t}`, [a.accountId, b.accountId, x]);
          const beta = seedGroup(rig, `Beta ${t}`);
          const gamma = seedGroup(rig, `Gamma ${t}`, [a.accountId]);
          expect((await ok(rig.get("/groups"))).total).toBe(0);

          await refresh(rig, "groups");
          // aws-like targets list groups without members: the count is unknown, not zero.
          const count = (n: number) => (profile === "aws" ? null : n);
          expect(await ok(rig.get("/groups"))).toMatchObject({
            total: 3,
            items: [
              { id: alpha, displayName: `Alpha ${t}`, memberCount: count(3), linkedFolder: null },
              { id: beta, displayName: `Beta ${t}`, memberCount: count(0), linkedFolder: null },
              { id: gamma, displayName: `Gamma ${t}`, memberCount: count(1), linkedFolder: null },
            ],
          });
          const search = await ok(rig.get("/groups?search=BETA"));
          expect([search.total, search.items.map((g: Row) => g.id)]).toEqual([1, [beta]]);
          const page2 = await ok(rig.get("/groups?page=2&pageSize=2"));
          expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
          expect(page2.items.map((g: Row) => g.id)).toEqual([gamma]);
        });
      });

      it("creates a folder from a group with the application and the linked members, once", async () => {
        await withRig(profile, async (rig) => {
          const [a, b] = [await linkedUser(rig), await linkedUser(rig)];
          const name = `Engineering ${tag()}`;
          const groupId = seedGroup(rig, name, [a.accountId, b.accountId, strangerAccount(rig)]);
          await refresh(rig, "groups");

          const res = await ok(rig.post(`/groups/${groupId}/create-folder`), 201);
          expect(res).toMatchObject({ folder: { name }, groupId, members: 2, unmatched: 1 });
          const folderId = res.folder.id as string;
          expect(await ok(call(rig, "GET", `/api/folders/${folderId}`))).toMatchObject({
            id: folderId,
            name,
          });
          expect(await folderAppIds(rig, folderId)).toEqual([rig.appId]);
          expect(sorted(await folderMemberIds(rig, folderId))).toEqual(sorted([a.id, b.id]));
          expect((await groupRow(rig, groupId))?.linkedFolder).toEqual({ id: folderId, name });

          const again = await rig.post(`/groups/${groupId}/create-folder`);
          expect(errorOf(again)).toEqual([409, "provisioning.group_linked"]);
          const named = await ok(call(rig, "GET", `/api/folders?search=${encodeURIComponent(name)}`));
          expect(named.total).toBe(1);
        });
      });

      it("associates folders with groups, adding the application, and refuses a second link either way", async () => {
        await withRig(profile, async (rig) => {
          const g1 = seedGroup(rig, `G1 ${tag()}`);
          const g2 = seedGroup(rig, `G2 ${tag()}`);
          const bare = await newFolder(rig);
          const withApp = await newFolder(rig);
          await addApp(rig, withApp.id);
          await refresh(rig, "groups");

          const first = await ok(rig.post(`/groups/${g1}/associate`, { folderId: bare.id }));
          expect(first).toMatchObject({ folder: { id: bare.id }, groupId: g1, applicationAdded: true });
          expect(await folderAppIds(rig, bare.id)).toEqual([rig.appId]);
          expect((await groupRow(rig, g1))?.linkedFolder).toEqual({ id: bare.id, name: bare.name });
          expect(await folderRow(rig, bare.id)).toMatchObject({ presentInApp: true, groupId: g1 });

          const folderTaken = await rig.post(`/groups/${g2}/associate`, { folderId: bare.id });
          expect(errorOf(folderTaken)).toEqual([409, "provisioning.folder_linked"]);
          const groupTaken = await rig.post(`/groups/${g1}/associate`, { folderId: withApp.id });
          expect(errorOf(groupTaken)).toEqual([409, "provisioning.group_linked"]);
          expect((await groupRow(rig, g2))?.linkedFolder).toBeNull();

          const second = await ok(rig.post(`/groups/${g2}/associate`, { folderId: withApp.id }));
          expect(second).toMatchObject({ groupId: g2, applicationAdded: false });
        });
      });

      it("deletes a group in the target and unlinks its folder; a group already gone counts as deleted", async () => {
        await withRig(profile, async (rig) => {
          const groupId = seedGroup(rig, `Doomed ${tag()}`);
          const folder = await newFolder(rig);
          await refresh(rig, "groups");
          await ok(rig.post(`/groups/${groupId}/associate`, { folderId: folder.id }));

          expect(await ok(rig.del(`/groups/${groupId}`))).toEqual({ groupId, unlinkedFolderId: folder.id });
          expect(targetGroup(rig, groupId)).toBeUndefined();
          expect(await groupRow(rig, groupId)).toBeUndefined();
          expect(await folderRow(rig, folder.id)).toMatchObject({ presentInApp: false, groupId: null });
          expect(await ok(rig.del(`/groups/${groupId}`))).toEqual({ groupId, unlinkedFolderId: null });
        });
      });

      it("creates a group for a folder with exactly the members' linked accounts", async () => {
        await withRig(profile, async (rig) => {
          const [a, b] = [await linkedUser(rig), await linkedUser(rig)];
          const noAccount = await rig.user();
          const folder = await newFolder(rig);
          for (const u of [a, b, noAccount]) await join(rig, folder.id, u.id);
          await addApp(rig, folder.id);
          const elsewhere = await newFolder(rig);
          await join(rig, elsewhere.id, a.id);

          const list = await ok(rig.get("/folders"));
          expect(list.total).toBe(1);
          expect(list.items[0]).toMatchObject({
            folder: { id: folder.id, name: folder.name },
            presentInApp: false,
            presence: "absent",
            groupId: null,
          });

          const res = await ok(rig.post(`/folders/${folder.id}/create-group`), 201);
          expect(res).toMatchObject({ outcome: "created", members: 2 });
          const group = targetGroup(rig, res.groupId);
          expect(group?.displayName).toBe(folder.name);
          expect(targetMembers(rig, res.groupId)).toEqual(sorted([a.accountId, b.accountId]));
          expect(await folderRow(rig, folder.id)).toMatchObject({
            presentInApp: true,
            presence: "linked",
            groupId: res.groupId,
            groupName: folder.name,
          });

          rig.target.clearRequests();
          const without = await rig.post(`/folders/${elsewhere.id}/create-group`);
          expect(errorOf(without)).toEqual([409, "provisioning.folder_without_app"]);
          const twice = await rig.post(`/folders/${folder.id}/create-group`);
          expect(errorOf(twice)).toEqual([409, "provisioning.folder_linked"]);
          expect(writes(rig, "POST", "/Groups")).toEqual([]);
          expect(rig.target.groups()).toHaveLength(1);
        });
      });

      it("links the target group of the same name and adds the folder's accounts, keeping its other members", async () => {
        await withRig(profile, async (rig) => {
          const a = await linkedUser(rig);
          const y = strangerAccount(rig);
          const name = `Ops ${tag()}`;
          const existing = seedGroup(rig, name, [y]);
          const folder = await newFolder(rig, name);
          await join(rig, folder.id, a.id);
          await addApp(rig, folder.id);
          await refresh(rig, "groups");
          expect(await folderRow(rig, folder.id)).toMatchObject({
            presentInApp: true,
            presence: "matched",
            groupId: existing,
            groupName: name,
          });

          const res = await ok(rig.post(`/folders/${folder.id}/create-group`), 201);
          expect(res).toMatchObject({ outcome: "linkedExisting", groupId: existing });
          expect(rig.target.groups()).toHaveLength(1);
          expect(targetMembers(rig, existing)).toEqual(sorted([y, a.accountId]));
          expect(await folderRow(rig, folder.id)).toMatchObject({ presence: "linked", groupId: existing });
          const row = await groupRow(rig, existing);
          expect(row?.linkedFolder).toEqual({ id: folder.id, name });
          // The Groups tab must not under-count: the group has both members in the target. aws lists
          // groups without members, so there "unknown" (null) is honest too; 1 never is.
          if (profile === "aws") expect([null, 2]).toContain(row?.memberCount);
          else expect(row?.memberCount).toBe(2);
        });
      });

      it("syncs a folder's linked accounts to its group, leaving accounts no user is linked to", async () => {
        await withRig(profile, async (rig) => {
          const [a, b, d] = [await linkedUser(rig), await linkedUser(rig), await linkedUser(rig)];
          const folder = await newFolder(rig);
          for (const u of [a, b]) await join(rig, folder.id, u.id);
          await addApp(rig, folder.id);
          const { groupId } = await ok(rig.post(`/folders/${folder.id}/create-group`), 201);
          const x = strangerAccount(rig);
          targetGroup(rig, groupId)!.members!.push({ value: x }); // added in the target by someone else
          await join(rig, folder.id, d.id);
          await leave(rig, folder.id, b.id);

          rig.target.clearRequests();
          const res = await ok(rig.post(`/folders/${folder.id}/sync-members`));
          expect(res).toEqual({ groupId, added: 1, removed: 1, members: 3 });
          expect(targetMembers(rig, groupId)).toEqual(sorted([a.accountId, d.accountId, x]));
          const ok2xx = (r: { status: number }) => r.status >= 200 && r.status < 300;
          const patches = writes(rig, "PATCH", `/Groups/${groupId}`).filter(ok2xx);
          const puts = writes(rig, "PUT", `/Groups/${groupId}`).filter(ok2xx);
          if (profile === "no-patch") {
            expect(patches).toEqual([]);
            expect(puts.length).toBeGreaterThan(0);
          } else {
            expect(patches.length).toBeGreaterThan(0);
            expect(puts).toEqual([]);
          }

          const again = await ok(rig.post(`/folders/${folder.id}/sync-members`));
          expect(again).toEqual({ groupId, added: 0, removed: 0, members: 3 });
          expect(targetMembers(rig, groupId)).toEqual(sorted([a.accountId, d.accountId, x]));
        });
      });

      it("keeps the unmatched members of a group a folder was created from when syncing", async () => {
        await withRig(profile, async (rig) => {
          const a = await linkedUser(rig);
          const x = strangerAccount(rig);
          const groupId = seedGroup(rig, `Imported ${tag()}`, [a.accountId, x]);
          const { folder } = await ok(rig.post(`/groups/${groupId}/create-folder`), 201);

          const res = await ok(rig.post(`/folders/${folder.id}/sync-members`));
          expect(res).toEqual({ groupId, added: 0, removed: 0, members: 2 });
          expect(targetMembers(rig, groupId)).toEqual(sorted([a.accountId, x]));
        });
      });

      it("keeps the members no user is linked to of a group a folder was associated with when syncing", async () => {
        await withRig(profile, async (rig) => {
          const a = await linkedUser(rig);
          const x = strangerAccount(rig);
          const groupId = seedGroup(rig, `Legacy ${tag()}`, [x]);
          const folder = await newFolder(rig);
          await join(rig, folder.id, a.id);
          await ok(rig.post(`/groups/${groupId}/associate`, { folderId: folder.id }));

          const res = await ok(rig.post(`/folders/${folder.id}/sync-members`));
          expect(res).toEqual({ groupId, added: 1, removed: 0, members: 2 });
          expect(targetMembers(rig, groupId)).toEqual(sorted([a.accountId, x]));
        });
      });
    });
  }

  describe("refusals (strict profile)", () => {
    it("refuses to create an account for a user without access (409) or an unknown user (404), sending nothing", async () => {
      await withRig("strict", async (rig) => {
        const user = await rig.user();
        rig.target.clearRequests();
        const res = await rig.post(`/access/${user.id}/create-account`);
        expect(errorOf(res)).toEqual([409, "provisioning.no_access"]);
        const unknown = await rig.post(`/access/${randomUUID()}/create-account`);
        expect(errorOf(unknown)).toEqual([404, "user.not_found"]);
        expect(rig.target.requests).toEqual([]);
        expect(rig.target.users()).toEqual([]);
      });
    });

    it("answers 404 group.gone and creates or changes no folder when the group was deleted in the target", async () => {
      await withRig("strict", async (rig) => {
        const name = `Vanishing ${tag()}`;
        const groupId = seedGroup(rig, name);
        await refresh(rig, "groups");
        expect((await groupRow(rig, groupId))?.vanishedAt).toBeNull();
        await deleteInTarget(rig, `/Groups/${groupId}`);

        const created = await rig.post(`/groups/${groupId}/create-folder`);
        expect(errorOf(created)).toEqual([404, "group.gone"]);
        const named = await ok(call(rig, "GET", `/api/folders?search=${encodeURIComponent(name)}`));
        expect(named.total).toBe(0);

        const folder = await newFolder(rig);
        const associated = await rig.post(`/groups/${groupId}/associate`, { folderId: folder.id });
        expect(errorOf(associated)).toEqual([404, "group.gone"]);
        expect(await folderAppIds(rig, folder.id)).toEqual([]);
        expect(await folderRow(rig, folder.id)).toBeUndefined();
        expect((await groupRow(rig, groupId))?.vanishedAt).toEqual(expect.any(String));
      });
    });
  });
});
