/**
 * The worker's handlers: each re-checks its intent, then runs the provisioning action that the tabs
 * also use (create account, delete account, set active, update, sync group members, reconcile).
 */
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import { isoNow } from "../../clock.js";
import type { DB } from "../../db/index.js";
import type { Directory } from "../../directory/index.js";
import type { JobHandler, JobRow } from "../../jobs/index.js";
import { actorRef, type Messaging } from "../../messaging/index.js";
import { type Actor, EVENT_ACTOR } from "../activity.js";
import { linkByUser } from "../links.queries.js";
import type { Provisioning } from "../provisioning.js";
import { enqueueIntent, failureKey, ticketKey } from "./dispatch.js";
import { intentGone, type Subject, subjectOf } from "./intents.js";
import type { JobKind } from "./policy.js";

export interface HandlerDeps {
  db: Kysely<DB>;
  clock: Clock;
  directory: Directory;
  provisioning: Provisioning;
  messaging: Messaging;
  reconcile(appId: string, job: JobRow, actor: Actor): Promise<Record<string, unknown>>;
}

function actorOf(p: Record<string, unknown>): Actor {
  const a = p.actor as Partial<Actor> | undefined;
  return a?.type ? { type: a.type, id: a.id ?? null, label: a.label ?? null } : EVENT_ACTOR;
}

export function createHandlers(deps: HandlerDeps): Record<JobKind, JobHandler> {
  const { db, directory, provisioning: p } = deps;

  /** Re-checks the intent, runs `act`, and closes the tickets that suggested or reported this action. */
  const guarded =
    (
      kind: JobKind,
      act: (appId: string, s: Subject, actor: Actor, job: JobRow) => Promise<Record<string, unknown>>,
    ): JobHandler =>
    async (job, payload) => {
      const appId = job.application_id!;
      const s = subjectOf(payload);
      const why = await intentGone(db, directory, kind, appId, s);
      const actor = actorOf(payload);
      const result = why ? { outcome: "skipped", reason: why } : await act(appId, s, actor, job);
      // A ticket's one-click action closes it in the admin's name; anything else is the automation's.
      const byAdmin = typeof payload.ticketId === "number" && actor.type === "admin";
      const done = {
        outcome: result.outcome,
        jobId: Number(job.id),
        message:
          why ?? (byAdmin ? `done at the request of ${actor.label ?? "an admin"}` : "done by the automation"),
      };
      await deps.messaging.closeByKey(
        db,
        [ticketKey(appId, kind, s), failureKey(appId, kind, s)],
        done,
        byAdmin ? actorRef(actor) : undefined,
      );
      return result;
    };

  return {
    "account.provision": guarded("account.provision", async (appId, s, actor) => {
      const r = await p.access.createAccount(appId, s.userId!, actor);
      // The new account joins the groups of the linked folders the user is in.
      const folders = await db
        .selectFrom("group_links as gl")
        .innerJoin("folder_members as fm", "fm.folder_id", "gl.folder_id")
        .select("gl.folder_id")
        .where("gl.application_id", "=", appId)
        .where("fm.user_id", "=", s.userId!)
        .execute();
      if (folders.length > 0) {
        const now = isoNow(deps.clock);
        await db.transaction().execute(async (trx) => {
          for (const f of folders) {
            await enqueueIntent(
              trx,
              { appId, kind: "group.sync", subject: { folderId: f.folder_id }, actor },
              now,
            );
          }
        });
      }
      return { outcome: r.outcome, accountId: r.accountId, groups: folders.length };
    }),
    "account.deprovision": guarded("account.deprovision", async (appId, s, actor) => {
      const link = await linkByUser(db, appId, s.userId!);
      if (!link) return { outcome: "skipped", reason: "no account" };
      const r = await p.accounts.deleteAccount(appId, link.account_id, actor);
      return { outcome: r.deactivatedOnly ? "deactivated" : "deleted", accountId: r.accountId };
    }),
    "account.deactivate": guarded("account.deactivate", async (appId, s, actor) => {
      const r = await p.lifecycle.setActive(appId, s.userId!, false, actor);
      return { outcome: r.outcome, accountId: r.accountId };
    }),
    "account.reactivate": guarded("account.reactivate", async (appId, s, actor) => {
      const r = await p.lifecycle.setActive(appId, s.userId!, true, actor);
      return { outcome: r.outcome, accountId: r.accountId };
    }),
    "account.update": guarded("account.update", async (appId, s, actor) => {
      const r = await p.lifecycle.update(appId, s.userId!, actor);
      return { outcome: r.outcome, accountId: r.accountId, operations: r.operations };
    }),
    "group.sync": guarded("group.sync", async (appId, s, actor) => {
      const r = await p.folders.syncMembers(appId, s.folderId!, actor);
      return { outcome: "synced", ...r };
    }),
    reconcile: async (job, payload) => deps.reconcile(job.application_id!, job, actorOf(payload)),
  };
}
