/**
 * `createAutomation`: the Settings tab's policy at work. It plugs into the directory (events →
 * nothing / ticket / job, in the change's transaction), runs the worker (handlers over the
 * provisioning actions), turns failures into retries, tickets or a paused target, performs a
 * ticket's one-click action through the same job path, and schedules reconciliations.
 *
 * Longer than 400 lines on purpose: every part shares this process's worker and scheduler (the hook
 * nudges it, the ticket action waits on it, quarantine and reconciliation re-queue through it).
 * The stateless parts already live beside it: policy, intents, dispatch, drift, handlers, events.
 */
import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../../clock.js";
import { isoNow } from "../../clock.js";
import type { Database, DB } from "../../db/index.js";
import type { Directory, MembershipChange } from "../../directory/index.js";
import { DomainError } from "../../errors.js";
import {
  createWorker,
  type FailureVerdict,
  type JobRow,
  type Worker,
  type WorkerOptions,
} from "../../jobs/index.js";
import type { Messaging, ResolveOutcome, Ticket } from "../../messaging/index.js";
import { type Actor, EVENT_ACTOR, SYSTEM_ACTOR } from "../activity.js";
import { loadMapping } from "../mapping.service.js";
import type { Provisioning } from "../provisioning.js";
import { enqueueIntent, failureKey, ticketIntent } from "./dispatch.js";
import { dropVanishedLinks, findDrift } from "./drift.js";
import { handleEvents } from "./events.js";
import { createHandlers } from "./handlers.js";
import { intentGone, type Subject, subjectOf } from "./intents.js";
import {
  type AccountJobKind,
  describeAction,
  EVENT_RULES,
  type JobKind,
  POLICY,
  SETTING_OF_JOB,
  SETTINGS_EVENTS,
} from "./policy.js";
import { ensureRow, loadSettings } from "./settings.js";

/** Consecutive failed jobs after which a target is paused (quarantine). */
export const PAUSE_AFTER_FAILURES = 20;

export interface AutomationOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  directory: Directory;
  provisioning: Provisioning;
  messaging: Messaging;
  /** Worker tuning (tests shorten backoff and polling). */
  worker?: Partial<Pick<WorkerOptions, "concurrency" | "pollMs" | "leaseMs" | "backoff" | "graceMs">>;
  /** How often due reconciliations are looked for. Default 30 s. */
  scheduleEveryMs?: number;
}

export function createAutomation(opts: AutomationOptions) {
  const { database, clock, log, directory, provisioning, messaging } = opts;
  const { db } = database;
  const now = () => isoNow(clock);
  let worker: Worker | undefined;
  let scheduler: NodeJS.Timeout | undefined;

  async function appName(appId: string): Promise<string> {
    const r = await db.selectFrom("applications").select("name").where("id", "=", appId).executeTakeFirst();
    return r?.name ?? "the application";
  }
  /** Names the subject; inside a transaction pass it (SQLite's one connection is held by it). */
  async function who(s: Subject, executor: Kysely<DB> = db): Promise<string> {
    if (s.userId) {
      const u = await executor
        .selectFrom("users")
        .select("email")
        .where("id", "=", s.userId)
        .executeTakeFirst();
      return u?.email ?? "a deleted user";
    }
    if (s.folderId) {
      const f = await executor
        .selectFrom("folders")
        .select("name")
        .where("id", "=", s.folderId)
        .executeTakeFirst();
      return f ? `"${f.name}"` : "a deleted folder";
    }
    return "the application";
  }

  /** Pauses a target (quarantine) and tells the admins once. */
  async function pause(appId: string, reason: string): Promise<void> {
    const name = await appName(appId);
    await db.transaction().execute(async (trx) => {
      await ensureRow(trx, appId, now());
      const r = await trx
        .updateTable("provisioning_settings")
        .set({ paused_at: now(), pause_reason: reason, updated_at: now() })
        .where("application_id", "=", appId)
        .where("paused_at", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return;
      log.warn({ appId, reason }, "target paused");
      await messaging.open(trx, {
        applicationId: appId,
        event: "targetPaused",
        action: "target.resume",
        title: `Provisioning to ${name} is paused`,
        message: `${reason} SmartLink stopped sending to ${name} rather than keep failing. Fix the cause (the Configuration tab tests the connection), then resume: the waiting work runs again.`,
        dedupeKey: `${appId}:paused`,
      });
    });
  }

  async function resume(appId: string): Promise<{ requeued: number }> {
    const res = await db.transaction().execute(async (trx) => {
      await ensureRow(trx, appId, now());
      await trx
        .updateTable("provisioning_settings")
        .set({ paused_at: null, pause_reason: null, consecutive_failures: 0, updated_at: now() })
        .where("application_id", "=", appId)
        .execute();
      await messaging.closeByKey(trx, `${appId}:paused`, { outcome: "resumed" });
      // Work that waited runs now.
      return trx
        .updateTable("jobs")
        .set({ run_at: now(), updated_at: now() })
        .where("application_id", "=", appId)
        .where("state", "=", "queued")
        .executeTakeFirst();
    });
    worker?.nudge();
    return { requeued: Number(res.numUpdatedRows) };
  }

  async function countFailure(appId: string): Promise<void> {
    await db
      .updateTable("provisioning_settings")
      .set((eb) => ({ consecutive_failures: eb("consecutive_failures", "+", 1) }))
      .where("application_id", "=", appId)
      .execute();
    const row = await db
      .selectFrom("provisioning_settings")
      .select("consecutive_failures")
      .where("application_id", "=", appId)
      .executeTakeFirst();
    if (row && Number(row.consecutive_failures) >= PAUSE_AFTER_FAILURES) {
      await pause(appId, `The last ${PAUSE_AFTER_FAILURES} jobs for this application all failed.`);
    }
  }

  /** Failure → what the worker does: retry transient trouble, pause on bad credentials, park the rest. */
  async function classify(err: unknown, job: JobRow): Promise<FailureVerdict> {
    const appId = job.application_id!;
    const message = err instanceof Error ? err.message : String(err);
    await ensureRow(db, appId, now());
    if (err instanceof DomainError) {
      const category = (err.details as { category?: string } | undefined)?.category;
      if (err.kind === "upstream" && category === "config") {
        await pause(appId, `${await appName(appId)} refused SmartLink's credentials: ${message}`);
        return { action: "requeue", message, delayMs: 60_000 };
      }
      if (err.code === "provisioning.not_connected") return { action: "fail", message };
      await countFailure(appId);
      if (err.kind === "upstream" && category === "transient") return { action: "retry", message };
      return { action: "fail", message };
    }
    await countFailure(appId);
    return { action: "retry", message };
  }

  /** A job that will not succeed becomes a ticket (or updates the ticket whose resolution ran it). */
  async function onFinalFailure(job: JobRow, message: string): Promise<void> {
    const payload = JSON.parse(job.payload) as Record<string, unknown>;
    if (typeof payload.ticketId === "number") return; // performTicket reports on that ticket
    const kind = job.kind as JobKind;
    if (kind === "reconcile") return;
    const appId = job.application_id!;
    const s = subjectOf(payload);
    const [name, subject] = await Promise.all([appName(appId), who(s)]);
    const words = describeAction(kind, subject, name);
    await db.transaction().execute((trx) =>
      messaging.open(trx, {
        applicationId: appId,
        event: "jobFailed",
        userId: s.userId ?? null,
        folderId: s.folderId ?? null,
        action: kind,
        payload: { ...s },
        title: `${words.action} failed`,
        message: `${words.action} failed after ${Number(job.attempts)} attempt${Number(job.attempts) === 1 ? "" : "s"}: ${message}. Retry runs it again; dismiss if it is handled.`,
        dedupeKey: failureKey(appId, kind, s),
        jobId: Number(job.id),
      }),
    );
  }

  async function onSuccess(job: JobRow): Promise<void> {
    // Matches (and writes) only when a failure was counted, by this process or another.
    await db
      .updateTable("provisioning_settings")
      .set({ consecutive_failures: 0 })
      .where("application_id", "=", job.application_id!)
      .where("consecutive_failures", ">", 0)
      .execute();
  }

  /**
   * Scheduled reconciliation: refresh the accounts snapshot, drop links to accounts that vanished,
   * find the drift and handle each item under its event's mode; linked groups follow their folders.
   */
  async function reconcile(appId: string, job: JobRow, actor: Actor): Promise<Record<string, unknown>> {
    await provisioning.snapshots.refreshInline(appId, "accounts", actor, Number(job.id));
    const unlinked = await dropVanishedLinks(db, appId);
    const drift = await findDrift(db, appId, await loadMapping(db, appId));
    const settings = (await loadSettings(db, [appId])).get(appId)!;
    const name = await appName(appId);
    const counts: Record<string, number> = { unlinkedVanished: unlinked };
    await db.transaction().execute(async (trx) => {
      for (const [kind, userIds] of Object.entries(drift) as Array<[AccountJobKind, string[]]>) {
        const outcome = POLICY[settings[SETTING_OF_JOB[kind]]];
        counts[kind] = userIds.length;
        if (outcome === "nothing") continue;
        for (const userId of userIds) {
          if (outcome === "job") {
            await enqueueIntent(trx, { appId, kind, subject: { userId }, actor }, now());
          } else {
            await ticketIntent(trx, messaging, {
              appId,
              appName: name,
              kind,
              subject: { userId },
              who: await who({ userId }, trx),
              event: "reconcile",
              why: "The scheduled reconciliation found that the account does not match SmartLink.",
            });
          }
        }
      }
      if (settings.userGainsAccess === "automatic" || settings.userLosesAccess === "automatic") {
        const groups = await trx
          .selectFrom("group_links")
          .select("folder_id")
          .where("application_id", "=", appId)
          .execute();
        for (const g of groups) {
          await enqueueIntent(
            trx,
            { appId, kind: "group.sync", subject: { folderId: g.folder_id }, actor },
            now(),
          );
        }
        counts.groups = groups.length;
      }
      await trx
        .updateTable("provisioning_settings")
        .set({ last_reconciled_at: now() })
        .where("application_id", "=", appId)
        .execute();
    });
    worker?.nudge();
    return { outcome: "reconciled", ...counts };
  }

  const handlers = createHandlers({ db, clock, directory, provisioning, messaging, reconcile });

  /** Enqueues reconciliations that are due (connected, not paused, schedule on, interval elapsed). */
  async function scheduleDue(): Promise<number> {
    const apps = await db
      .selectFrom("scim_connections as c")
      .leftJoin("provisioning_settings as s", "s.application_id", "c.application_id")
      .select(["c.application_id", "s.reconcile_minutes", "s.last_reconciled_at", "s.paused_at"])
      .where("c.status", "=", "connected")
      .execute();
    let n = 0;
    for (const a of apps) {
      const minutes = a.reconcile_minutes === undefined ? 60 : a.reconcile_minutes;
      if (minutes === null || a.paused_at) continue;
      const last = a.last_reconciled_at ? Date.parse(a.last_reconciled_at) : 0;
      if (clock.now() - last < Number(minutes) * 60_000) continue;
      await db.transaction().execute(async (trx) => {
        await ensureRow(trx, a.application_id, now());
        // Claim the slot first: another process looking at the same moment sees it taken.
        await trx
          .updateTable("provisioning_settings")
          .set({ last_reconciled_at: now() })
          .where("application_id", "=", a.application_id)
          .execute();
        await enqueueIntent(
          trx,
          {
            appId: a.application_id,
            kind: "reconcile",
            subject: {},
            actor: SYSTEM_ACTOR,
          },
          now(),
        );
      });
      n++;
    }
    if (n > 0) worker?.nudge();
    return n;
  }

  return {
    /** The directory's onEvents hook (runs in the change's transaction). */
    async onEvents(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
      const { jobs } = await handleEvents(trx, database.dialect, messaging, ids, now());
      // The change commits right after this returns; wake the local worker then.
      if (jobs > 0 && worker) setTimeout(() => worker?.nudge(), 1);
    },

    /**
     * A folder's members changed: each group linked to it follows, under the gains mode for
     * additions and the loses mode for removals (even when nobody's access changed — a member
     * with direct access still joins or leaves the group).
     */
    async onMembership(trx: Transaction<DB>, m: MembershipChange): Promise<void> {
      const links = await trx
        .selectFrom("group_links as gl")
        .innerJoin("scim_connections as c", "c.application_id", "gl.application_id")
        .innerJoin("applications as a", "a.id", "gl.application_id")
        .select(["gl.application_id", "a.name"])
        .where("gl.folder_id", "=", m.folderId)
        .where("c.status", "=", "connected")
        .execute();
      if (links.length === 0) return;
      const settings = await loadSettings(
        trx,
        links.map((l) => l.application_id),
      );
      const folder = await trx
        .selectFrom("folders")
        .select("name")
        .where("id", "=", m.folderId)
        .executeTakeFirst();
      let queued = false;
      for (const l of links) {
        const s = settings.get(l.application_id)!;
        const outcome = POLICY[m.change === "added" ? s.userGainsAccess : s.userLosesAccess];
        const subject = { folderId: m.folderId };
        if (outcome === "job") {
          await enqueueIntent(
            trx,
            {
              appId: l.application_id,
              kind: "group.sync",
              subject,
              actor: EVENT_ACTOR,
            },
            now(),
          );
          queued = true;
        } else if (outcome === "ticket") {
          await ticketIntent(trx, messaging, {
            appId: l.application_id,
            appName: l.name,
            kind: "group.sync",
            subject,
            who: folder ? `"${folder.name}"` : "the folder",
            event: m.change === "added" ? "userGainsAccess" : "userLosesAccess",
            why: `Members were ${m.change} in the folder.`,
          });
        }
      }
      if (queued && worker) setTimeout(() => worker?.nudge(), 1);
    },

    /** A ticket's one-click action: re-check, then the same job path, waited for (up to `waitMs`). */
    async performTicket(
      ticket: Ticket,
      actor: { id: string | null; label: string | null },
      waitMs = 20_000,
    ): Promise<ResolveOutcome> {
      const appId = ticket.applicationId;
      if (ticket.action === "target.resume") {
        const r = await resume(appId);
        return {
          status: "done",
          message: `Provisioning resumed; ${r.requeued} waiting job(s) run now`,
          result: r,
        };
      }
      const kind = ticket.action as JobKind;
      const s = subjectOf(ticket);
      const why = await intentGone(db, directory, kind, appId, s);
      if (why) return { status: "notApplicable", message: `This no longer applies: ${why}.` };
      const settings = (await loadSettings(db, [appId])).get(appId)!;
      if (settings.paused) {
        return {
          status: "failed",
          message: `Provisioning to this application is paused (${settings.paused.reason}): resume it first.`,
        };
      }
      const admin: Actor = { type: "admin", id: actor.id, label: actor.label };
      const { id } = await db
        .transaction()
        .execute((trx) =>
          enqueueIntent(
            trx,
            { appId, kind, subject: s, actor: admin, priority: 10, ticketId: ticket.id },
            now(),
          ),
        );
      worker?.nudge();
      const deadline = Date.now() + waitMs;
      for (;;) {
        const job = await db
          .selectFrom("jobs")
          .select(["state", "result", "last_error"])
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        if (job.state === "succeeded") {
          const result = job.result ? (JSON.parse(job.result) as Record<string, unknown>) : {};
          return { status: "done", message: `Done: ${String(result.outcome ?? "ok")}`, result, jobId: id };
        }
        if (job.state === "failed")
          return { status: "failed", message: job.last_error ?? "the job failed", jobId: id };
        if (Date.now() > deadline) {
          return {
            status: "pending",
            message: `Still running${job.last_error ? ` (last error: ${job.last_error})` : ""}`,
            jobId: id,
          };
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },

    resume,

    /** Starts the worker loop and the reconciliation schedule in this process. */
    startWorker(): Worker {
      if (worker) return worker;
      worker = createWorker({
        database,
        clock,
        log,
        handlers,
        classify,
        onFinalFailure,
        onSuccess,
        ...opts.worker,
      });
      worker.start();
      const every = opts.scheduleEveryMs ?? 30_000;
      const tick = () =>
        void scheduleDue().catch((err) => log.warn({ err }, "scheduling reconciliations failed"));
      scheduler = setInterval(tick, every);
      scheduler.unref();
      tick();
      return worker;
    },
    /** The running worker, if any (tests drain it). */
    worker: () => worker,
    async stopWorker(): Promise<void> {
      if (scheduler) clearInterval(scheduler);
      scheduler = undefined;
      await worker?.stop();
      worker = undefined;
    },

    /** Exposed for the Settings routes. */
    db: db as Kysely<DB>,
  };
}

export type Automation = ReturnType<typeof createAutomation>;
export { EVENT_RULES, SETTINGS_EVENTS };
