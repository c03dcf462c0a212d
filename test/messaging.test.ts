/**
 * Messaging (src/messaging): tickets open once per dedupe key (also under racing transactions),
 * close by key, list newest first with the unread count, and perform their action through the
 * injected `perform` — the seam the provisioning module plugs its action code into.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type Actor,
  createMessaging,
  type OpenTicketInput,
  type ResolveOutcome,
  type Ticket,
} from "../src/messaging/index.js";
import { manualClock } from "./auth-fixtures.js";
import { describeEachDialect } from "./db-harness.js";

const T0 = "2026-01-01T00:00:00.000Z";
const T1 = "2026-01-01T00:00:01.000Z";
const T2 = "2026-01-01T00:00:02.000Z";
const admin: Actor = { id: "a1", label: "ops@example.com" };

describeEachDialect("messaging", (getDb) => {
  const stamp = { created_at: T0, updated_at: T0 };
  const newApp = async (name = "Payroll") => {
    const id = randomUUID();
    await getDb()
      .db.insertInto("applications")
      .values({ id, name, url: null, icon_url: null, search_text: name.toLowerCase(), ...stamp })
      .execute();
    return id;
  };
  const newUser = async (email: string) => {
    const id = randomUUID();
    await getDb()
      .db.insertInto("users")
      .values({
        id,
        email,
        email_normalized: email,
        first_name: "Ada",
        last_name: "Lovelace",
        display_name: "Ada Lovelace",
        active: 1,
        attributes: "{}",
        search_text: email,
        ...stamp,
      })
      .execute();
    return id;
  };
  const newFolder = async (name: string) => {
    const id = randomUUID();
    await getDb()
      .db.insertInto("folders")
      .values({ id, name, description: "", search_text: name.toLowerCase(), ...stamp })
      .execute();
    return id;
  };

  /** A messaging service whose `perform` answers `next` and records what it was asked. */
  const setup = () => {
    const clock = manualClock();
    const calls: Array<{ ticket: Ticket; actor: Actor }> = [];
    const state: { next: ResolveOutcome | Error } = { next: { status: "done", message: "Done" } };
    const messaging = createMessaging({
      database: getDb(),
      clock,
      async perform(ticket, actor) {
        calls.push({ ticket, actor });
        if (state.next instanceof Error) throw state.next;
        return state.next;
      },
    });
    const open = (input: Partial<OpenTicketInput> & { applicationId: string; dedupeKey: string }) =>
      messaging.open(getDb().db, {
        event: "userGainsAccess",
        action: "account.create",
        title: "Create an account",
        message: "Ada gained access",
        ...input,
      });
    return { clock, calls, state, messaging, open };
  };

  // Every test builds its own tickets; counts over all tickets (unread) start from zero.
  beforeEach(async () => {
    await getDb().db.deleteFrom("tickets").execute();
  });

  describe("open", () => {
    it("creates a ticket with the names of its application, user and folder", async () => {
      const { messaging } = setup();
      const appId = await newApp("Payroll");
      const userId = await newUser(`ada-${randomUUID()}@example.com`);
      const folderId = await newFolder("Finance");
      const { id, created } = await messaging.open(getDb().db, {
        applicationId: appId,
        event: "userGainsAccess",
        userId,
        folderId,
        action: "account.create",
        payload: { userId },
        title: "Create an account",
        message: "Ada gained access to Payroll",
        dedupeKey: `${appId}:userGainsAccess:${userId}`,
        jobId: 7,
      });
      expect(created).toBe(true);
      const user = await getDb()
        .db.selectFrom("users")
        .select("email")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      expect(await messaging.get(id)).toEqual({
        id,
        applicationId: appId,
        applicationName: "Payroll",
        event: "userGainsAccess",
        userId,
        userEmail: user.email,
        folderId,
        folderName: "Finance",
        action: "account.create",
        payload: { userId },
        title: "Create an account",
        message: "Ada gained access to Payroll",
        status: "open",
        read: false,
        jobId: 7,
        result: null,
        createdAt: T0,
        updatedAt: T0,
        resolvedAt: null,
        resolvedBy: null,
      });
    });

    it("shows null names for a user and folder that no longer exist", async () => {
      const { messaging, open } = setup();
      const appId = await newApp();
      const { id } = await open({
        applicationId: appId,
        dedupeKey: "k-gone",
        userId: "u-gone",
        folderId: "f-gone",
      });
      expect(await messaging.get(id)).toMatchObject({
        userId: "u-gone",
        userEmail: null,
        folderId: "f-gone",
        folderName: null,
        payload: {},
        jobId: null,
      });
    });

    it("returns the open ticket of the same key, refreshed and unread again, instead of a second one", async () => {
      const { clock, messaging, open } = setup();
      const appId = await newApp();
      const first = await open({ applicationId: appId, dedupeKey: "k-same", payload: { n: 1 }, jobId: 3 });
      await messaging.markRead(first.id);
      clock.advance(1_000);
      const again = await open({
        applicationId: appId,
        dedupeKey: "k-same",
        title: "Create an account (again)",
        message: "Ada gained access again",
        payload: { n: 2 },
      });
      expect(again).toEqual({ id: first.id, created: false });
      expect(await messaging.get(first.id)).toMatchObject({
        title: "Create an account (again)",
        message: "Ada gained access again",
        payload: { n: 2 },
        jobId: 3, // omitted: kept
        read: false,
        createdAt: T0,
        updatedAt: T1,
      });
      await open({ applicationId: appId, dedupeKey: "k-same", jobId: 9 });
      expect((await messaging.get(first.id)).jobId).toBe(9);
      const rows = await getDb()
        .db.selectFrom("tickets")
        .select("id")
        .where("dedupe_key", "=", "k-same")
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("opens a new ticket for a key whose ticket was resolved or dismissed", async () => {
      const { messaging, open } = setup();
      const appId = await newApp();
      const a = await open({ applicationId: appId, dedupeKey: "k-reopen" });
      await messaging.resolve(a.id, admin);
      const b = await open({ applicationId: appId, dedupeKey: "k-reopen" });
      expect(b.created).toBe(true);
      expect(b.id).not.toBe(a.id);
      await messaging.dismiss(b.id, admin);
      const c = await open({ applicationId: appId, dedupeKey: "k-reopen" });
      expect(c.created).toBe(true);
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      expect((await messaging.list({ applicationId: appId })).items.map((t) => [t.id, t.status])).toEqual([
        [c.id, "open"],
        [b.id, "dismissed"],
        [a.id, "resolved"],
      ]);
    });

    it("yields one ticket when two transactions open the same key at once", async () => {
      const { messaging } = setup();
      const appId = await newApp();
      const input: OpenTicketInput = {
        applicationId: appId,
        event: "userLosesAccess",
        action: "account.deactivate",
        title: "Deactivate the account",
        message: "Ada lost access",
        dedupeKey: "k-race",
      };
      const results = await Promise.all(
        [1, 2].map(() =>
          getDb()
            .db.transaction()
            .execute(async (trx) => {
              const r = await messaging.open(trx, input);
              // Hold the transaction open so the other one meets the uncommitted row (PostgreSQL).
              await new Promise((resolve) => setTimeout(resolve, 50));
              // The caller's transaction is still usable after losing the race.
              await trx.selectFrom("tickets").select("id").execute();
              return r;
            }),
        ),
      );
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results[0]?.id).toBe(results[1]?.id);
      const rows = await getDb()
        .db.selectFrom("tickets")
        .select("id")
        .where("dedupe_key", "=", "k-race")
        .execute();
      expect(rows.map((r) => Number(r.id))).toEqual([results[0]?.id]);
    });

    it("leaves nothing behind when the caller's transaction rolls back", async () => {
      const { open } = setup();
      const appId = await newApp();
      await expect(
        getDb()
          .db.transaction()
          .execute(async (trx) => {
            const { messaging } = setup();
            await messaging.open(trx, {
              applicationId: appId,
              event: "userUpdated",
              action: "account.update",
              title: "Update",
              message: "Changed",
              dedupeKey: "k-rollback",
            });
            throw new Error("the change failed");
          }),
      ).rejects.toThrow("the change failed");
      expect(await open({ applicationId: appId, dedupeKey: "k-rollback" })).toMatchObject({ created: true });
    });
  });

  describe("closeByKey", () => {
    it("resolves the open ticket of a key as system with the result, and only that one", async () => {
      const { clock, messaging, open } = setup();
      const appId = await newApp();
      const target = await open({ applicationId: appId, dedupeKey: "k-close" });
      const other = await open({ applicationId: appId, dedupeKey: "k-other" });
      clock.advance(2_000);
      const closed = await getDb()
        .db.transaction()
        .execute((trx) =>
          messaging.closeByKey(trx, "k-close", { outcome: "done", message: "Access is back" }),
        );
      expect(closed).toBe(1);
      expect(await messaging.get(target.id)).toMatchObject({
        status: "resolved",
        resolvedBy: "system",
        resolvedAt: T2,
        updatedAt: T2,
        result: { outcome: "done", message: "Access is back" },
      });
      expect((await messaging.get(other.id)).status).toBe("open");
      expect(await messaging.closeByKey(getDb().db, "k-close", {})).toBe(0);
      expect(await messaging.closeByKey(getDb().db, "k-never", {})).toBe(0);
    });
  });

  describe("list, unreadCount and markRead", () => {
    it("lists newest first, filters by status and application, pages, and counts unread open tickets", async () => {
      const { messaging, open } = setup();
      const appA = await newApp("A");
      const appB = await newApp("B");
      const a1 = await open({ applicationId: appA, dedupeKey: "a1" });
      const a2 = await open({ applicationId: appA, dedupeKey: "a2" });
      const b1 = await open({ applicationId: appB, dedupeKey: "b1" });
      const a3 = await open({ applicationId: appA, dedupeKey: "a3" });
      await messaging.dismiss(a2.id, admin);
      await messaging.markRead(b1.id);

      const all = await messaging.list({});
      expect(all.items.map((t) => t.id)).toEqual([a3.id, b1.id, a2.id, a1.id]);
      expect({ ...all, items: undefined }).toEqual({
        items: undefined,
        total: 4,
        page: 1,
        pageSize: 50,
        unread: 2,
      });

      const openA = await messaging.list({ status: "open", applicationId: appA });
      expect(openA.items.map((t) => t.id)).toEqual([a3.id, a1.id]);
      expect(openA.total).toBe(2);
      expect(openA.unread).toBe(2); // overall, not per filter

      expect((await messaging.list({ status: "dismissed" })).items.map((t) => t.id)).toEqual([a2.id]);
      expect((await messaging.list({ status: "resolved" })).total).toBe(0);

      const page2 = await messaging.list({ applicationId: appA, page: 2, pageSize: 2 });
      expect(page2.items.map((t) => t.id)).toEqual([a1.id]);
      expect([page2.total, page2.page, page2.pageSize]).toEqual([3, 2, 2]);

      expect(await messaging.unreadCount()).toBe(2);
    });

    it("marks a ticket read once; it no longer counts as unread", async () => {
      const { clock, messaging, open } = setup();
      const appId = await newApp();
      const { id } = await open({ applicationId: appId, dedupeKey: "k-read" });
      expect(await messaging.unreadCount()).toBe(1);
      clock.advance(1_000);
      expect(await messaging.markRead(id)).toMatchObject({ id, read: true, status: "open" });
      expect(await messaging.markRead(id)).toMatchObject({ id, read: true });
      const row = await getDb()
        .db.selectFrom("tickets")
        .select("read_at")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.read_at).toBe(T1);
      expect(await messaging.unreadCount()).toBe(0);
    });
  });

  describe("resolve and dismiss", () => {
    it("resolves on done, recording the result, the job and the admin, and passes perform the ticket and actor", async () => {
      const { clock, calls, state, messaging, open } = setup();
      const appId = await newApp();
      const { id } = await open({ applicationId: appId, dedupeKey: "k-done", payload: { userId: "u1" } });
      state.next = { status: "done", message: "Account created", result: { accountId: "scim-1" }, jobId: 42 };
      clock.advance(1_000);
      const { ticket, outcome } = await messaging.resolve(id, admin);
      expect(outcome).toEqual(state.next);
      expect(ticket).toMatchObject({
        id,
        status: "resolved",
        read: true,
        jobId: 42,
        result: { outcome: "done", message: "Account created", accountId: "scim-1" },
        resolvedAt: T1,
        resolvedBy: "admin:a1",
        updatedAt: T1,
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.actor).toEqual(admin);
      expect(calls[0]?.ticket).toMatchObject({ id, action: "account.create", payload: { userId: "u1" } });
    });

    it("resolves on notApplicable without doing anything", async () => {
      const { state, messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-na" });
      state.next = { status: "notApplicable", message: "Ada no longer has access" };
      const { ticket, outcome } = await messaging.resolve(id, admin);
      expect(outcome).toEqual({ status: "notApplicable", message: "Ada no longer has access" });
      expect(ticket).toMatchObject({
        status: "resolved",
        resolvedBy: "admin:a1",
        result: { outcome: "notApplicable", message: "Ada no longer has access" },
        jobId: null,
      });
    });

    it("keeps the ticket open with the failure on failed, and resolves it on a later try", async () => {
      const { state, messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-failed" });
      state.next = { status: "failed", message: "Target answered 400: invalid userName", jobId: 5 };
      const first = await messaging.resolve(id, admin);
      expect(first.outcome).toEqual(state.next);
      expect(first.ticket).toMatchObject({
        status: "open",
        read: true,
        jobId: 5,
        result: { outcome: "failed", message: "Target answered 400: invalid userName" },
        resolvedAt: null,
        resolvedBy: null,
      });
      state.next = { status: "done", message: "Account created" };
      expect((await messaging.resolve(id, admin)).ticket).toMatchObject({
        status: "resolved",
        jobId: 5,
        result: { outcome: "done", message: "Account created" },
      });
    });

    it("keeps the ticket open with the running job on pending", async () => {
      const { state, messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-pending" });
      state.next = { status: "pending", message: "Provisioning started", jobId: 77 };
      const { ticket, outcome } = await messaging.resolve(id, admin);
      expect(outcome).toEqual({ status: "pending", message: "Provisioning started", jobId: 77 });
      expect(ticket).toMatchObject({
        status: "open",
        jobId: 77,
        result: { outcome: "pending", message: "Provisioning started" },
        resolvedBy: null,
      });
    });

    it("records a failure when perform throws, keeps the ticket open, and rethrows", async () => {
      const { state, messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-throws" });
      state.next = new Error("target unreachable");
      await expect(messaging.resolve(id, admin)).rejects.toThrow("target unreachable");
      expect(await messaging.get(id)).toMatchObject({
        status: "open",
        result: { outcome: "failed", message: "target unreachable" },
      });
    });

    it("names an API token without an admin by its label", async () => {
      const { messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-token" });
      const { ticket } = await messaging.resolve(id, { id: null, label: "ci token" });
      expect(ticket.resolvedBy).toBe("token:ci token");
    });

    it("dismisses an open ticket without performing anything", async () => {
      const { clock, calls, messaging, open } = setup();
      const { id } = await open({ applicationId: await newApp(), dedupeKey: "k-dismiss" });
      clock.advance(2_000);
      expect(await messaging.dismiss(id, admin)).toMatchObject({
        id,
        status: "dismissed",
        read: true,
        result: null,
        resolvedAt: T2,
        resolvedBy: "admin:a1",
        updatedAt: T2,
      });
      expect(calls).toHaveLength(0);
    });

    it("refuses to resolve or dismiss a closed ticket with 409 ticket.closed, saying by whom", async () => {
      const { clock, calls, messaging, open } = setup();
      const appId = await newApp();
      const resolved = await open({ applicationId: appId, dedupeKey: "k-closed-1" });
      clock.advance(1_000);
      await messaging.resolve(resolved.id, admin);
      const dismissed = await open({ applicationId: appId, dedupeKey: "k-closed-2" });
      await messaging.dismiss(dismissed.id, { id: "a2", label: "b@example.com" });
      calls.length = 0;

      const alreadyResolved = {
        kind: "conflict",
        code: "ticket.closed",
        message: `Ticket ${resolved.id} was already resolved by admin:a1 at ${T1}`,
        details: { id: resolved.id, status: "resolved", resolvedBy: "admin:a1", resolvedAt: T1 },
      };
      await expect(messaging.resolve(resolved.id, admin)).rejects.toMatchObject(alreadyResolved);
      await expect(messaging.dismiss(resolved.id, admin)).rejects.toMatchObject(alreadyResolved);
      await expect(messaging.resolve(dismissed.id, admin)).rejects.toMatchObject({
        code: "ticket.closed",
        message: `Ticket ${dismissed.id} was already dismissed by admin:a2 at ${T1}`,
      });
      expect(calls).toHaveLength(0);
    });

    it("answers 404 ticket.not_found for an unknown id", async () => {
      const { calls, messaging } = setup();
      const notFound = {
        kind: "not_found",
        code: "ticket.not_found",
        message: 'No ticket with id "987654321"',
      };
      await expect(messaging.get(987_654_321)).rejects.toMatchObject(notFound);
      await expect(messaging.markRead(987_654_321)).rejects.toMatchObject(notFound);
      await expect(messaging.resolve(987_654_321, admin)).rejects.toMatchObject(notFound);
      await expect(messaging.dismiss(987_654_321, admin)).rejects.toMatchObject(notFound);
      expect(calls).toHaveLength(0);
    });
  });
});
