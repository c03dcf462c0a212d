/**
 * The Settings tab's modes at work, end to end: a directory change through the real API becomes
 * nothing (manual), a ticket (notification) or a job run by the real worker (automatic), and every
 * outcome is checked in the SCIM simulator's own state. Both dialects; the automatic paths also on
 * the "aws" and "no-patch" quirk profiles.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName, RecordedRequest, ScimUser } from "../tools/scim-target/index.js";
import { describeEachDialect } from "./db-harness.js";
import { openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

type Mode = "manual" | "notification" | "automatic";
type SettingsEvent = "userGainsAccess" | "userLosesAccess" | "userDeactivated" | "userUpdated";
// biome-ignore lint/suspicious/noExplicitAny: response bodies, read field by field in assertions
type Json = Record<string, any>;
interface TestUser {
  id: string;
  email: string;
  accountId?: string;
}

const PROFILES: ProfileName[] = ["strict", "aws", "no-patch"];
const MODES: Mode[] = ["manual", "notification", "automatic"];
/** How long "nothing happens" is watched for. */
const QUIET_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = () => randomUUID().slice(0, 8);

/** Retries `fn` (its `expect`s) every 10 ms until it passes, for up to `timeoutMs`. */
async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await sleep(10);
  }
}

const ok = async (p: Promise<LightMyRequestResponse>, status = 200): Promise<Json> => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.body ? (r.json() as Json) : {};
};

const account = (rig: ProvisioningRig, userId: string): ScimUser | undefined =>
  rig.target.users().find((u) => u.externalId === userId);
const groupMembers = (rig: ProvisioningRig, groupId: string) =>
  (rig.target.groups().find((g) => g.id === groupId)?.members ?? []).map((m) => m.value).sort();
const isUserWrite = (r: RecordedRequest) =>
  r.path.includes("/Users") && ["POST", "PUT", "PATCH", "DELETE"].includes(r.method);
const writes = (rig: ProvisioningRig, match: (r: RecordedRequest) => boolean = isUserWrite) =>
  rig.target.requests.filter(match).map((r) => `${r.method} ${r.path}`);

describeEachDialect("automation modes", (getDb) => {
  let base: ProvisioningRig | undefined;
  const rigs: ProvisioningRig[] = [];

  beforeAll(async () => {
    base = await openProvisioningRig(getDb(), { worker: true, target: { profile: "strict" } });
    await ok(base.put("/settings", { reconcileMinutes: null }));
  });
  afterAll(async () => {
    for (const rig of rigs) await rig.close();
    await base?.close();
  });

  /**
   * A new application connected to a new simulator of `profile`, served by the suite's API and
   * worker; the reconcile schedule is off so only the tested change acts, and requests are cleared.
   */
  async function fresh(profile: ProfileName = "strict", opts: { schedule?: boolean } = {}) {
    const rig = await openProvisioningRig(getDb(), { api: base!.api, target: { profile } });
    rigs.push(rig);
    if (!opts.schedule) await ok(rig.put("/settings", { reconcileMinutes: null }));
    rig.target.clearRequests();
    return rig;
  }

  const inject =
    (rig: ProvisioningRig, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string) =>
    (payload?: object) =>
      rig.api.inject({ method, url, ...(payload ? { payload } : {}) });
  const setModes = (rig: ProvisioningRig, modes: Partial<Record<SettingsEvent, Mode>>) =>
    ok(rig.put("/settings", modes));
  const grant = (rig: ProvisioningRig, userId: string) =>
    ok(inject(rig, "PUT", `/api/applications/${rig.appId}/users/${userId}`)());
  const revoke = (rig: ProvisioningRig, userId: string) =>
    ok(inject(rig, "DELETE", `/api/applications/${rig.appId}/users/${userId}`)(), 204);
  const deactivate = (rig: ProvisioningRig, userId: string) =>
    ok(inject(rig, "POST", `/api/users/${userId}/deactivate`)());
  const reactivate = (rig: ProvisioningRig, userId: string) =>
    ok(inject(rig, "POST", `/api/users/${userId}/reactivate`)());
  const patchUser = (rig: ProvisioningRig, userId: string, body: object) =>
    ok(inject(rig, "PATCH", `/api/users/${userId}`)(body));
  const openTickets = async (rig: ProvisioningRig) =>
    (await ok(inject(rig, "GET", `/api/tickets?applicationId=${rig.appId}&status=open`)())).items as Json[];
  const resolve = (rig: ProvisioningRig, ticketId: number) =>
    ok(inject(rig, "POST", `/api/tickets/${ticketId}/resolve`)());

  /** A user with direct access and an account made from the Access tab (all modes still manual). */
  async function linkedUser(rig: ProvisioningRig): Promise<TestUser> {
    const user = await rig.user();
    await grant(rig, user.id);
    const res = await ok(rig.post(`/access/${user.id}/create-account`));
    expect(res.outcome).toBe("created");
    return { ...user, accountId: res.accountId as string };
  }

  /** Jobs of one kind for the rig's application, oldest first (read from the queue table). */
  const jobsOf = (rig: ProvisioningRig, kind: string) =>
    getDb()
      .db.selectFrom("jobs")
      .select(["state", "result"])
      .where("application_id", "=", rig.appId)
      .where("kind", "=", kind)
      .orderBy("id")
      .execute();

  /** Per event: the user it needs, the change that raises it, and the target before and after the action. */
  interface EventCase {
    event: SettingsEvent;
    action: string;
    setup(rig: ProvisioningRig): Promise<TestUser>;
    change(rig: ProvisioningRig, user: TestUser): Promise<unknown>;
    /** The target as it was: the action has not run. */
    untouched(rig: ProvisioningRig, user: TestUser): void;
    /** The target once the action ran. */
    acted(rig: ProvisioningRig, user: TestUser): void;
  }
  const CASES: EventCase[] = [
    {
      event: "userGainsAccess",
      action: "account.provision",
      setup: (rig) => rig.user(),
      change: (rig, u) => grant(rig, u.id),
      untouched: (rig, u) => expect(account(rig, u.id)).toBeUndefined(),
      acted: (rig, u) =>
        expect(account(rig, u.id)).toMatchObject({ userName: u.email, externalId: u.id, active: true }),
    },
    {
      event: "userLosesAccess",
      action: "account.deprovision",
      setup: linkedUser,
      change: (rig, u) => revoke(rig, u.id),
      untouched: (rig, u) => expect(account(rig, u.id)?.id).toBe(u.accountId),
      acted: (rig, u) => expect(rig.target.users().map((a) => a.id)).not.toContain(u.accountId),
    },
    {
      event: "userDeactivated",
      action: "account.deactivate",
      setup: linkedUser,
      change: (rig, u) => deactivate(rig, u.id),
      untouched: (rig, u) => expect(account(rig, u.id)?.active).toBe(true),
      acted: (rig, u) => expect(account(rig, u.id)?.active).toBe(false),
    },
    {
      event: "userUpdated",
      action: "account.update",
      setup: linkedUser,
      change: (rig, u) => patchUser(rig, u.id, { firstName: "Grace" }),
      untouched: (rig, u) => expect(account(rig, u.id)?.name?.givenName).toBe("Ada"),
      acted: (rig, u) => expect(account(rig, u.id)?.name?.givenName).toBe("Grace"),
    },
  ];

  for (const profile of PROFILES) {
    describe(`each event in each mode, profile ${profile}`, () => {
      for (const c of CASES) {
        for (const mode of MODES) {
          if (profile !== "strict" && mode !== "automatic") continue;
          const name = {
            manual: `${c.event} in manual mode changes nothing in the target and opens no ticket`,
            notification: `${c.event} in notification mode opens one ticket whose resolution performs ${c.action} in the target`,
            automatic: `${c.event} in automatic mode performs ${c.action} in the target`,
          }[mode];
          it(name, async () => {
            const rig = await fresh(profile);
            const user = await c.setup(rig);
            await setModes(rig, { [c.event]: mode });
            rig.target.clearRequests();
            await c.change(rig, user);

            if (mode === "automatic") {
              await eventually(() => c.acted(rig, user));
              return;
            }
            await sleep(QUIET_MS);
            expect(writes(rig)).toEqual([]);
            c.untouched(rig, user);
            const tickets = await openTickets(rig);
            if (mode === "manual") {
              expect(tickets).toEqual([]);
              return;
            }
            expect(tickets).toHaveLength(1);
            expect(tickets[0]).toMatchObject({
              applicationId: rig.appId,
              event: c.event,
              action: c.action,
              userId: user.id,
              userEmail: user.email,
              status: "open",
            });
            const res = await resolve(rig, tickets[0]!.id as number);
            expect(res.outcome.status).toBe("done");
            expect(res.ticket.status).toBe("resolved");
            c.acted(rig, user);
            expect(await openTickets(rig)).toEqual([]);
          });
        }
      }

      it("userGainsAccess in automatic mode shows the new account as linked on the Access tab", async () => {
        const rig = await fresh(profile);
        await setModes(rig, { userGainsAccess: "automatic" });
        const user = await rig.user();
        await grant(rig, user.id);
        const created = await eventually(() => {
          const a = account(rig, user.id);
          expect(a).toBeDefined();
          return a!;
        });
        const row = await eventually(async () => {
          const items = (await ok(rig.get("/access"))).items as Json[];
          const r = items.find((i) => i.user.id === user.id);
          expect(r?.presence).toBe("linked");
          return r!;
        });
        expect(row).toMatchObject({ presentInApp: true, accountId: created.id });
      });

      it("userUpdated in automatic mode sends nothing when no mapped attribute changed", async () => {
        const rig = await fresh(profile);
        const user = await linkedUser(rig);
        await setModes(rig, { userUpdated: "automatic" });
        await patchUser(rig, user.id, { firstName: "Grace" });
        await eventually(async () => {
          expect(account(rig, user.id)?.name?.givenName).toBe("Grace");
          expect((await jobsOf(rig, "account.update")).map((j) => j.state)).toEqual(["succeeded"]);
        });
        rig.target.clearRequests();
        await patchUser(rig, user.id, { attributes: { favouriteColour: "teal" } });
        const jobs = await eventually(async () => {
          const all = await jobsOf(rig, "account.update");
          expect(all.map((j) => j.state)).toEqual(["succeeded", "succeeded"]);
          return all;
        });
        expect(JSON.parse(jobs[1]!.result!)).toMatchObject({ outcome: "unchanged", operations: 0 });
        expect(writes(rig)).toEqual([]);
      });

      it("a reactivated user's account is active again when userDeactivated is automatic", async () => {
        const rig = await fresh(profile);
        const user = await linkedUser(rig);
        await setModes(rig, { userDeactivated: "automatic" });
        await deactivate(rig, user.id);
        await eventually(() => expect(account(rig, user.id)?.active).toBe(false));
        await reactivate(rig, user.id);
        await eventually(() => expect(account(rig, user.id)?.active).toBe(true));
      });

      describe("a folder linked to a group, gains and losses automatic", () => {
        /**
         * Folder with the app, two members with accounts, its group created, plus `direct` users
         * with direct access and an account (outside the folder); then gains and losses automatic.
         */
        async function linkedFolder(direct = 0) {
          const rig = await fresh(profile);
          const outsiders: TestUser[] = [];
          for (let i = 0; i < direct; i++) outsiders.push(await linkedUser(rig));
          const folder = await ok(inject(rig, "POST", "/api/folders")({ name: `Team ${tag()}` }), 201);
          await ok(inject(rig, "PUT", `/api/folders/${folder.id}/applications/${rig.appId}`)());
          const members: TestUser[] = [];
          for (let i = 0; i < 2; i++) {
            const u = await rig.user();
            await ok(inject(rig, "PUT", `/api/folders/${folder.id}/members/${u.id}`)());
            const res = await ok(rig.post(`/access/${u.id}/create-account`));
            members.push({ ...u, accountId: res.accountId as string });
          }
          const group = await ok(rig.post(`/folders/${folder.id}/create-group`), 201);
          expect(group.members).toBe(2);
          await setModes(rig, { userGainsAccess: "automatic", userLosesAccess: "automatic" });
          const addMember = (userId: string) =>
            ok(inject(rig, "PUT", `/api/folders/${folder.id}/members/${userId}`)());
          const removeMember = (userId: string) =>
            ok(inject(rig, "DELETE", `/api/folders/${folder.id}/members/${userId}`)(), 204);
          return { rig, groupId: group.groupId as string, members, outsiders, addMember, removeMember };
        }

        it("a new folder member gets an account that joins the group", async () => {
          const { rig, groupId, members, addMember } = await linkedFolder();
          const newcomer = await rig.user();
          await addMember(newcomer.id);
          await eventually(() => {
            const created = account(rig, newcomer.id);
            expect(created).toMatchObject({ userName: newcomer.email, active: true });
            expect(groupMembers(rig, groupId)).toEqual(
              [members[0]!.accountId, members[1]!.accountId, created!.id].sort(),
            );
          });
        });

        it("a removed folder member's account leaves the group and is deleted", async () => {
          const { rig, groupId, members, removeMember } = await linkedFolder();
          await removeMember(members[0]!.id);
          await eventually(() => {
            expect(groupMembers(rig, groupId)).toEqual([members[1]!.accountId]);
            expect(account(rig, members[0]!.id)).toBeUndefined();
          });
        });

        if (profile !== "strict") return;

        it("a removed folder member who keeps direct access leaves the group and keeps the account", async () => {
          const { rig, groupId, members, removeMember } = await linkedFolder();
          await grant(rig, members[0]!.id);
          await removeMember(members[0]!.id);
          await eventually(() => expect(groupMembers(rig, groupId)).toEqual([members[1]!.accountId]));
          expect(account(rig, members[0]!.id)?.id).toBe(members[0]!.accountId);
        });

        it("a user with an account who joins the folder joins the group", async () => {
          const { rig, groupId, members, outsiders, addMember } = await linkedFolder(1);
          const direct = outsiders[0]!;
          await addMember(direct.id);
          await eventually(() =>
            expect(groupMembers(rig, groupId)).toEqual(
              [members[0]!.accountId, members[1]!.accountId, direct.accountId].sort(),
            ),
          );
        });
      });
    });
  }

  describe("tickets", () => {
    it("keeps one open ticket per user and action when access flips back and forth", async () => {
      const rig = await fresh();
      const withAccount = await linkedUser(rig);
      const without = await rig.user();
      await setModes(rig, { userGainsAccess: "notification", userLosesAccess: "notification" });
      for (let i = 0; i < 2; i++) {
        await grant(rig, without.id);
        await revoke(rig, without.id);
        await revoke(rig, withAccount.id);
        await grant(rig, withAccount.id);
      }
      await grant(rig, without.id);
      await revoke(rig, withAccount.id);
      const tickets = await openTickets(rig);
      expect(tickets.map((t) => `${t.userId} ${t.event} ${t.action}`).sort()).toEqual(
        [
          `${without.id} userGainsAccess account.provision`,
          `${withAccount.id} userLosesAccess account.deprovision`,
        ].sort(),
      );
    });

    it("answers notApplicable and creates nothing when the user lost access before the resolution", async () => {
      const rig = await fresh();
      await setModes(rig, { userGainsAccess: "notification" });
      const user = await rig.user();
      await grant(rig, user.id);
      const [ticket] = await openTickets(rig);
      await revoke(rig, user.id);
      const res = await resolve(rig, ticket!.id as number);
      expect(res.outcome.status).toBe("notApplicable");
      expect(res.ticket.status).toBe("resolved");
      await sleep(QUIET_MS);
      expect(writes(rig)).toEqual([]);
      expect(rig.target.users()).toEqual([]);
    });

    it("dismisses a ticket without acting, after which it can no longer be resolved", async () => {
      const rig = await fresh();
      await setModes(rig, { userGainsAccess: "notification" });
      const user = await rig.user();
      await grant(rig, user.id);
      const [ticket] = await openTickets(rig);
      const dismissed = await ok(inject(rig, "POST", `/api/tickets/${ticket!.id}/dismiss`)());
      expect(dismissed).toMatchObject({ id: ticket!.id, status: "dismissed" });
      expect(await openTickets(rig)).toEqual([]);
      const again = await inject(rig, "POST", `/api/tickets/${ticket!.id}/resolve`)();
      expect([again.statusCode, again.json().error.code]).toEqual([409, "ticket.closed"]);
      await sleep(QUIET_MS);
      expect(writes(rig)).toEqual([]);
    });
  });

  describe("settings API", () => {
    it("starts with every event manual and an hourly reconciliation", async () => {
      const rig = await fresh("strict", { schedule: true });
      expect(await ok(rig.get("/settings"))).toMatchObject({
        userGainsAccess: "manual",
        userLosesAccess: "manual",
        userDeactivated: "manual",
        userUpdated: "manual",
        reconcileMinutes: 60,
        maxConcurrency: 8,
        paused: null,
        pending: { userGainsAccess: 0, userLosesAccess: 0, userDeactivated: 0, userUpdated: 0 },
      });
      await ok(rig.put("/settings", { reconcileMinutes: null }));
    });

    it("rejects an unknown mode with 400 request.invalid and changes nothing", async () => {
      const rig = await fresh();
      await setModes(rig, { userGainsAccess: "notification" });
      const bad = await rig.put("/settings", { userLosesAccess: "automatic", userGainsAccess: "always" });
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, "request.invalid"]);
      expect(await ok(rig.get("/settings"))).toMatchObject({
        userGainsAccess: "notification",
        userLosesAccess: "manual",
        userDeactivated: "manual",
        userUpdated: "manual",
      });
    });

    it("switching to automatic leaves past access alone until apply-pending queues it", async () => {
      const rig = await fresh();
      const users = [await rig.user(), await rig.user()];
      for (const u of users) await grant(rig, u.id);
      expect((await ok(rig.get("/settings"))).pending.userGainsAccess).toBe(2);
      const switched = await setModes(rig, { userGainsAccess: "automatic" });
      expect(switched.pending.userGainsAccess).toBe(2);
      await sleep(QUIET_MS);
      expect(writes(rig)).toEqual([]);
      expect(rig.target.users()).toEqual([]);

      const applied = await ok(rig.post("/settings/apply-pending", {}));
      expect(applied.enqueued).toEqual({
        userGainsAccess: 2,
        userLosesAccess: 0,
        userDeactivated: 0,
        userUpdated: 0,
      });
      await eventually(() =>
        expect(rig.target.users().map((a) => [a.externalId, a.userName])).toEqual(
          expect.arrayContaining(users.map((u) => [u.id, u.email])),
        ),
      );
      expect(rig.target.users()).toHaveLength(2);
      // The account exists before its link is recorded: wait for the jobs to finish.
      await eventually(async () => expect((await ok(rig.get("/settings"))).pending.userGainsAccess).toBe(0));
    });

    it("counts pending only for the events set to automatic with ?pending=automatic, the same as a full count", async () => {
      const rig = await fresh();
      const waiting = await rig.user();
      await grant(rig, waiting.id);
      const leaver = await linkedUser(rig);
      await revoke(rig, leaver.id);
      const all = await ok(rig.get("/settings"));
      expect(all.pending).toEqual({
        userGainsAccess: 1,
        userLosesAccess: 1,
        userDeactivated: 0,
        userUpdated: 0,
      });
      // Nothing automatic: nothing counted.
      expect((await ok(rig.get("/settings?pending=automatic"))).pending).toEqual({
        userGainsAccess: null,
        userLosesAccess: null,
        userDeactivated: null,
        userUpdated: null,
      });
      const saved = await ok(rig.put("/settings?pending=automatic", { userLosesAccess: "automatic" }));
      expect(saved.pending).toEqual({
        userGainsAccess: null,
        userLosesAccess: 1,
        userDeactivated: null,
        userUpdated: null,
      });
      await setModes(rig, { userGainsAccess: "automatic", userUpdated: "automatic" });
      expect((await ok(rig.get("/settings?pending=automatic"))).pending).toEqual({
        userGainsAccess: 1,
        userLosesAccess: 1,
        userDeactivated: null,
        userUpdated: 0,
      });
      const bad = await rig.get("/settings?pending=some");
      expect(bad.statusCode).toBe(400);
    });

    it("apply-pending without a body applies the events set to automatic", async () => {
      const rig = await fresh();
      const user = await rig.user();
      await grant(rig, user.id);
      await setModes(rig, { userGainsAccess: "automatic" });
      const applied = await ok(rig.post("/settings/apply-pending"));
      expect(applied.enqueued).toEqual({
        userGainsAccess: 1,
        userLosesAccess: 0,
        userDeactivated: 0,
        userUpdated: 0,
      });
      await eventually(() => expect(account(rig, user.id)?.userName).toBe(user.email));
    });
  });

  describe("reconciliation", () => {
    it("finds drift made while manual and handles each item under its mode: tickets for notification, jobs for automatic", async () => {
      const rig = await fresh();
      // Drift built while every event is manual, so nothing acts on it yet.
      const missing = await rig.user();
      await grant(rig, missing.id);
      const leaver = await linkedUser(rig);
      await revoke(rig, leaver.id);
      const gone = await linkedUser(rig);
      const removed = await fetch(`${rig.target.url}/Users/${gone.accountId}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${rig.token}` },
      });
      expect(removed.status).toBe(204);
      expect(await openTickets(rig)).toEqual([]);
      rig.target.clearRequests();

      await setModes(rig, { userGainsAccess: "notification", userLosesAccess: "automatic" });
      const { jobId } = await ok(rig.post("/reconcile"), 202);
      const job = await rig.waitJob(jobId);
      expect(job).toMatchObject({
        state: "succeeded",
        result: {
          outcome: "reconciled",
          unlinkedVanished: 1,
          "account.provision": 2,
          "account.deprovision": 1,
        },
      });

      // Notification: one ticket per user without an account, named by email; nothing created.
      const tickets = await openTickets(rig);
      expect(tickets.map((t) => [t.userId, t.action]).sort()).toEqual(
        [
          [missing.id, "account.provision"],
          [gone.id, "account.provision"],
        ].sort(),
      );
      for (const t of tickets) {
        const email = t.userId === missing.id ? missing.email : gone.email;
        expect(String(t.title)).toContain(email);
      }
      // Automatic: the leaver's account is removed from the target.
      await eventually(() => expect(writes(rig)).toEqual([`DELETE /scim/v2/Users/${leaver.accountId}`]));
      expect(rig.target.users().map((u) => u.id)).not.toContain(leaver.accountId);
    });
  });

  describe("jobs", () => {
    it("skips a queued create whose user lost access before the worker ran it", async () => {
      const rig = await fresh();
      await setModes(rig, { userGainsAccess: "automatic" });
      const user = await rig.user();
      const automation = rig.api.ctx.automation;
      await automation.stopWorker();
      try {
        await grant(rig, user.id);
        await revoke(rig, user.id);
        expect((await jobsOf(rig, "account.provision")).map((j) => j.state)).toEqual(["queued"]);
      } finally {
        automation.startWorker();
      }
      const [job] = await eventually(async () => {
        const jobs = await jobsOf(rig, "account.provision");
        expect(jobs.map((j) => j.state)).toEqual(["succeeded"]);
        return jobs;
      });
      expect(JSON.parse(job!.result!)).toMatchObject({ outcome: "skipped" });
      expect(writes(rig)).toEqual([]);
      expect(rig.target.users()).toEqual([]);
    });
  });
});
