/**
 * The directory's event outbox: every change that alters effective access, activity or metadata
 * writes exactly the right events, set-wise, in the change's own transaction.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock.js";
import { createDirectory, type Directory } from "../src/directory/index.js";
import { describeEachDialect } from "./db-harness.js";
import { seedUsers } from "./helpers/directory-seed.js";

describeEachDialect("directory events", (getDb) => {
  let dir: Directory;
  beforeAll(() => {
    dir = createDirectory({ database: getDb(), clock: systemClock });
  });

  const tag = () => randomUUID().slice(0, 8);
  const user = (first = "Ada", last = "Lovelace") =>
    dir.users.create({ email: `${tag()}@example.test`, firstName: first, lastName: last });
  const app = (name = "App") => dir.applications.create({ name: `${name} ${tag()}` });
  const folder = (name = "Folder") => dir.folders.create({ name: `${name} ${tag()}` });

  /** Runs `fn` and returns the events it wrote as [type, appId, userId] in id order. */
  async function eventsOf(fn: () => Promise<unknown>) {
    const after = await dir.events.lastId();
    await fn();
    const events = await dir.events.list({ after, limit: 10_000 });
    return events;
  }
  const brief = (events: Awaited<ReturnType<typeof eventsOf>>) =>
    events.map((e) => [e.type, e.applicationId, e.userId]);

  it("writes 1,000 userGainsAccess when an application is added to a folder of 1,000 members, in one transaction", async () => {
    const f = await folder();
    const ids = await seedUsers(getDb(), 1000, { prefix: tag(), folderId: f.id });
    const a = await app();
    const calls: number[][] = [];
    const hooked = createDirectory({
      database: getDb(),
      clock: systemClock,
      onEvents: async (_trx, eventIds) => {
        calls.push([...eventIds]);
      },
    });
    const events = await eventsOf(() => hooked.folders.addApplication(f.id, a.id));
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => e.userId))).toEqual(new Set(ids));
    expect(events.every((e) => e.type === "userGainsAccess" && e.applicationId === a.id)).toBe(true);
    expect(events[0]?.payload).toMatchObject({ via: { type: "folder", folderId: f.id, name: f.name } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(events.map((e) => e.id));
  });

  it("writes no loss when a user leaves one of two folders that both contain the application", async () => {
    const [u, a, f1, f2] = await Promise.all([user(), app(), folder(), folder()]);
    await dir.folders.addApplication(f1.id, a.id);
    await dir.folders.addApplication(f2.id, a.id);
    const gains = await eventsOf(async () => {
      await dir.folders.addMember(f1.id, u.id);
      await dir.folders.addMember(f2.id, u.id);
    });
    expect(brief(gains)).toEqual([["userGainsAccess", a.id, u.id]]);
    expect(await eventsOf(() => dir.folders.removeMember(f1.id, u.id))).toEqual([]);
    expect(brief(await eventsOf(() => dir.folders.removeMember(f2.id, u.id)))).toEqual([
      ["userLosesAccess", a.id, u.id],
    ]);
  });

  it("writes no loss when a directly assigned user leaves the folder, and a loss when the assignment goes", async () => {
    const [u, a, f] = await Promise.all([user(), app(), folder()]);
    await dir.folders.addApplication(f.id, a.id);
    expect(brief(await eventsOf(() => dir.applications.assignUser(a.id, u.id)))).toEqual([
      ["userGainsAccess", a.id, u.id],
    ]);
    expect(await eventsOf(() => dir.folders.addMember(f.id, u.id))).toEqual([]);
    expect(await eventsOf(() => dir.folders.removeMember(f.id, u.id))).toEqual([]);
    const loss = await eventsOf(() => dir.applications.unassignUser(a.id, u.id));
    expect(brief(loss)).toEqual([["userLosesAccess", a.id, u.id]]);
    expect(loss[0]?.payload).toMatchObject({ via: { type: "direct" } });
    expect(await dir.hasAccess(a.id, u.id)).toBe(false);
  });

  it("writes losses only for members who had access solely through a deleted folder", async () => {
    const [onlyHere, alsoDirect, alsoOther, a, f, other] = await Promise.all([
      user(),
      user(),
      user(),
      app(),
      folder(),
      folder(),
    ]);
    await dir.folders.addApplication(f.id, a.id);
    await dir.folders.addApplication(other.id, a.id);
    for (const u of [onlyHere, alsoDirect, alsoOther]) await dir.folders.addMember(f.id, u.id);
    await dir.applications.assignUser(a.id, alsoDirect.id);
    await dir.folders.addMember(other.id, alsoOther.id);
    const events = await eventsOf(() => dir.folders.delete(f.id));
    expect(brief(events)).toEqual([["userLosesAccess", a.id, onlyHere.id]]);
    expect(events[0]?.payload).toMatchObject({ reason: "folderDeleted", via: { folderId: f.id } });
    await expect(dir.folders.get(f.id)).rejects.toMatchObject({ code: "folder.not_found" });
  });

  it("writes a loss per accessible application when a user is deleted, keeping the email, then the user is gone", async () => {
    const [u, a1, a2, unrelated, f] = await Promise.all([user(), app(), app(), app(), folder()]);
    await dir.folders.addApplication(f.id, a1.id);
    await dir.folders.addMember(f.id, u.id);
    await dir.applications.assignUser(a1.id, u.id);
    await dir.applications.assignUser(a2.id, u.id);
    const events = await eventsOf(() => dir.users.delete(u.id));
    expect(events.map((e) => [e.type, e.applicationId]).sort()).toEqual(
      [
        ["userLosesAccess", a1.id],
        ["userLosesAccess", a2.id],
      ].sort(),
    );
    expect(events.every((e) => e.userId === u.id && e.payload.email === u.email)).toBe(true);
    expect(events.some((e) => e.applicationId === unrelated.id)).toBe(false);
    await expect(dir.users.get(u.id)).rejects.toMatchObject({ code: "user.not_found" });
    expect((await dir.folders.members(f.id)).total).toBe(0);
  });

  it("writes a loss for everyone with access when an application is deleted", async () => {
    const [direct, viaFolder, both, a, f] = await Promise.all([user(), user(), user(), app(), folder()]);
    await dir.folders.addApplication(f.id, a.id);
    await dir.folders.addMember(f.id, viaFolder.id);
    await dir.folders.addMember(f.id, both.id);
    await dir.applications.assignUser(a.id, direct.id);
    await dir.applications.assignUser(a.id, both.id);
    const events = await eventsOf(() => dir.applications.delete(a.id));
    expect(events.map((e) => e.userId).sort()).toEqual([direct.id, viaFolder.id, both.id].sort());
    expect(events.every((e) => e.type === "userLosesAccess" && e.payload.applicationName === a.name)).toBe(
      true,
    );
    expect(await dir.folders.applications(f.id)).toEqual([]);
  });

  it("writes no events when a folder is renamed or re-described", async () => {
    const [u, a, f] = await Promise.all([user(), app(), folder()]);
    await dir.folders.addApplication(f.id, a.id);
    await dir.folders.addMember(f.id, u.id);
    const events = await eventsOf(async () => {
      const renamed = await dir.folders.update(f.id, { name: "Renamed", description: "New words" });
      expect(renamed).toMatchObject({ name: "Renamed", description: "New words", memberCount: 1 });
    });
    expect(events).toEqual([]);
  });

  it("writes userUpdated per accessible application with only the changed fields, and nothing for a no-op", async () => {
    const [u, a1, a2, f] = await Promise.all([user("Grace", "Hopper"), app(), app(), folder()]);
    await dir.folders.addApplication(f.id, a1.id);
    await dir.folders.addMember(f.id, u.id);
    await dir.applications.assignUser(a2.id, u.id);
    const newEmail = `Grace.${tag()}@Example.test`;
    const events = await eventsOf(() => dir.users.update(u.id, { email: newEmail, firstName: "Grace" }));
    expect(events.map((e) => e.applicationId).sort()).toEqual([a1.id, a2.id].sort());
    expect(events[0]).toMatchObject({
      type: "userUpdated",
      userId: u.id,
      payload: { changes: { email: { old: u.email, new: newEmail } } },
    });
    expect(Object.keys(events[0]?.payload.changes as object)).toEqual(["email"]);
    expect(await eventsOf(() => dir.users.update(u.id, { email: newEmail, lastName: "Hopper" }))).toEqual([]);
    const renamed = await eventsOf(() =>
      dir.users.update(u.id, { lastName: "Murray", attributes: { title: "RADM" } }),
    );
    expect(renamed[0]?.payload.changes).toEqual({
      lastName: { old: "Hopper", new: "Murray" },
      displayName: { old: "Grace Hopper", new: "Grace Murray" },
      "attributes.title": { old: null, new: "RADM" },
    });
  });

  it("writes userDeactivated once per application and nothing when deactivating again; reactivation mirrors it", async () => {
    const [u, a, f] = await Promise.all([user(), app(), folder()]);
    await dir.folders.addApplication(f.id, a.id);
    await dir.folders.addMember(f.id, u.id);
    const first = await eventsOf(() => dir.users.deactivate(u.id));
    expect(brief(first)).toEqual([["userDeactivated", a.id, u.id]]);
    expect(await eventsOf(() => dir.users.deactivate(u.id))).toEqual([]);
    expect((await dir.users.get(u.id)).active).toBe(false);
    expect(brief(await eventsOf(() => dir.users.reactivate(u.id)))).toEqual([
      ["userReactivated", a.id, u.id],
    ]);
    expect(await eventsOf(() => dir.users.reactivate(u.id))).toEqual([]);
  });

  it("treats adding an existing member, application or assignment as a no-op without duplicate events", async () => {
    const [u, a, f] = await Promise.all([user(), app(), folder()]);
    await dir.folders.addApplication(f.id, a.id);
    expect(await dir.folders.addApplication(f.id, a.id)).toEqual({ changed: false, events: 0 });
    expect(await dir.folders.addMember(f.id, u.id)).toEqual({ changed: true, events: 1 });
    expect(await eventsOf(() => dir.folders.addMember(f.id, u.id))).toEqual([]);
    await dir.applications.assignUser(a.id, u.id);
    expect(await eventsOf(() => dir.applications.assignUser(a.id, u.id))).toEqual([]);
    expect(await dir.folders.removeMember(f.id, u.id)).toEqual({ changed: true, events: 0 });
    expect(await dir.folders.removeMember(f.id, u.id)).toEqual({ changed: false, events: 0 });
  });

  it("writes a gain only for the folder's applications the new member could not reach yet", async () => {
    const [u, a1, a2, f] = await Promise.all([user(), app(), app(), folder()]);
    await dir.folders.addApplication(f.id, a1.id);
    await dir.folders.addApplication(f.id, a2.id);
    await dir.applications.assignUser(a1.id, u.id);
    expect(brief(await eventsOf(() => dir.folders.addMember(f.id, u.id)))).toEqual([
      ["userGainsAccess", a2.id, u.id],
    ]);
    expect(brief(await eventsOf(() => dir.folders.removeApplication(f.id, a1.id)))).toEqual([]);
    expect(brief(await eventsOf(() => dir.folders.removeApplication(f.id, a2.id)))).toEqual([
      ["userLosesAccess", a2.id, u.id],
    ]);
  });

  describe("transactions", () => {
    it("writes exactly one loss when concurrent changes remove a user's two remaining paths", async () => {
      for (let round = 0; round < 5; round++) {
        const [u, a, f1, f2] = await Promise.all([user(), app(), folder(), folder()]);
        for (const f of [f1, f2]) {
          await dir.folders.addApplication(f.id, a.id);
          await dir.folders.addMember(f.id, u.id);
        }
        const events = await eventsOf(() =>
          Promise.all([dir.folders.removeMember(f1.id, u.id), dir.folders.removeApplication(f2.id, a.id)]),
        );
        expect(brief(events)).toEqual([["userLosesAccess", a.id, u.id]]);
      }
    });

    it("writes no events and no link when the change fails after its events were written", async () => {
      const f = await folder();
      await seedUsers(getDb(), 50, { prefix: tag(), folderId: f.id });
      const a = await app();
      const failing = createDirectory({
        database: getDb(),
        clock: systemClock,
        onEvents: async (trx, ids) => {
          // The events are visible inside the transaction…
          const n = await trx
            .selectFrom("events")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("id", "in", ids)
            .executeTakeFirstOrThrow();
          expect(Number(n.n)).toBe(50);
          throw new Error("policy failed");
        },
      });
      const events = await eventsOf(() =>
        expect(failing.folders.addApplication(f.id, a.id)).rejects.toThrow("policy failed"),
      );
      // …and gone with the rollback, together with the change itself.
      expect(events).toEqual([]);
      expect(await dir.folders.applications(f.id)).toEqual([]);
    });

    it("commits several calls made in one directory transaction together, or none of them", async () => {
      const [u, a] = await Promise.all([user(), app()]);
      const name = `From group ${tag()}`;
      const calls: number[][] = [];
      const hooked = createDirectory({
        database: getDb(),
        clock: systemClock,
        onEvents: async (_trx, ids) => {
          calls.push([...ids]);
        },
      });
      const failed = await eventsOf(() =>
        expect(
          hooked.transaction(async (tx) => {
            const f = await tx.folders.create({ name });
            await tx.folders.addApplication(f.id, a.id);
            await tx.folders.addMember(f.id, u.id);
            await tx.folders.addMember(f.id, randomUUID()); // unknown user: the whole change rolls back
          }),
        ).rejects.toMatchObject({ code: "user.not_found" }),
      );
      expect(failed).toEqual([]);
      expect((await dir.folders.list({ search: name })).total).toBe(0);
      const ok = await eventsOf(() =>
        hooked.transaction(async (tx) => {
          const f = await tx.folders.create({ name });
          await tx.folders.addApplication(f.id, a.id);
          await tx.folders.addMember(f.id, u.id);
        }),
      );
      expect(brief(ok)).toEqual([["userGainsAccess", a.id, u.id]]);
      expect(calls).toEqual([[ok[0]?.id]]);
    });

    it("leaves the user active and writes nothing when a deactivation fails", async () => {
      const [u, a] = await Promise.all([user(), app()]);
      await dir.applications.assignUser(a.id, u.id);
      const failing = createDirectory({
        database: getDb(),
        clock: systemClock,
        onEvents: async () => {
          throw new Error("boom");
        },
      });
      const events = await eventsOf(() => expect(failing.users.deactivate(u.id)).rejects.toThrow("boom"));
      expect(events).toEqual([]);
      expect((await dir.users.get(u.id)).active).toBe(true);
    });
  });

  it("rejects unknown ids with not_found codes and writes nothing", async () => {
    const [u, a, f] = await Promise.all([user(), app(), folder()]);
    const missing = randomUUID();
    const events = await eventsOf(async () => {
      await expect(dir.folders.addMember(f.id, missing)).rejects.toMatchObject({
        kind: "not_found",
        code: "user.not_found",
      });
      await expect(dir.folders.addMember(missing, u.id)).rejects.toMatchObject({ code: "folder.not_found" });
      await expect(dir.folders.addApplication(f.id, missing)).rejects.toMatchObject({
        code: "application.not_found",
      });
      await expect(dir.applications.assignUser(a.id, missing)).rejects.toMatchObject({
        code: "user.not_found",
      });
      await expect(dir.users.deactivate(missing)).rejects.toMatchObject({ code: "user.not_found" });
      await expect(dir.applications.accessList(missing)).rejects.toMatchObject({
        code: "application.not_found",
      });
    });
    expect(events).toEqual([]);
  });
});
