/**
 * The directory's `onEvents` hook: inside the transaction of the change, each event becomes what
 * its application's mode says — nothing, a ticket, or a job — and is marked processed. A crash
 * between "saved" and "queued" cannot exist: they commit together.
 */
import type { Kysely } from "kysely";
import type { DB, DialectInfo } from "../../db/index.js";
import type { EventType } from "../../directory/index.js";
import { type EnqueueInput, enqueueMany } from "../../jobs/index.js";
import type { Messaging } from "../../messaging/index.js";
import { EVENT_ACTOR } from "../activity.js";
import { intentJob, ticketIntent } from "./dispatch.js";
import { EVENT_RULES, type JobKind, POLICY } from "./policy.js";
import { loadSettings } from "./settings.js";

const WHY: Record<EventType, string> = {
  userGainsAccess: "The user gained access to the application.",
  userLosesAccess: "The user lost access to the application.",
  userDeactivated: "The user was deactivated in SmartLink.",
  userReactivated: "The user was reactivated in SmartLink.",
  userUpdated: "The user's details changed in SmartLink.",
};

/** Handles the events `ids` inside `trx`; returns how many jobs and tickets it wrote. */
export async function handleEvents(
  trx: Kysely<DB>,
  dialect: DialectInfo,
  messaging: Messaging,
  ids: readonly number[],
  now: string,
): Promise<{ jobs: number; tickets: number }> {
  let jobs = 0;
  let tickets = 0;
  // Jobs are written in bulk per chunk of events: 10,000 gains are a few multi-row inserts.
  const intents: EnqueueInput[] = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    const part = ids.slice(i, i + 5_000);
    const events = await trx.selectFrom("events").selectAll().where("id", "in", part).orderBy("id").execute();
    const appIds = [...new Set(events.map((e) => e.application_id))];
    const connected = new Map(
      (
        await trx
          .selectFrom("scim_connections as c")
          .innerJoin("applications as a", "a.id", "c.application_id")
          .select(["c.application_id", "a.name"])
          .where("c.application_id", "in", appIds)
          .where("c.status", "=", "connected")
          .execute()
      ).map((r) => [r.application_id, r.name]),
    );
    if (connected.size > 0) {
      const apps = [...connected.keys()];
      const settings = await loadSettings(trx, apps);
      const userIds = [...new Set(events.map((e) => e.user_id))];
      const linked = new Set<string>();
      for (let j = 0; j < userIds.length; j += 1_000) {
        const rows = await trx
          .selectFrom("account_links")
          .select(["application_id", "user_id"])
          .where("application_id", "in", apps)
          .where("user_id", "in", userIds.slice(j, j + 1_000))
          .execute();
        for (const r of rows) linked.add(`${r.application_id}:${r.user_id}`);
      }
      for (const e of events) {
        const appName = connected.get(e.application_id);
        if (appName === undefined) continue;
        const rule = EVENT_RULES[e.type];
        const outcome = POLICY[settings.get(e.application_id)![rule.setting]];
        if (outcome === "nothing") continue;
        const payload = JSON.parse(e.payload) as { email?: string };
        const hasAccount = linked.has(`${e.application_id}:${e.user_id}`);
        // Only what can act: a create for someone without an account, the rest for someone with one.
        const relevant = rule.job === "account.provision" ? !hasAccount : hasAccount;
        const dispatch = async (
          kind: JobKind,
          subject: { userId?: string; folderId?: string },
          who: string,
        ) => {
          if (outcome === "job") {
            intents.push(intentJob({ appId: e.application_id, kind, subject, actor: EVENT_ACTOR }));
            jobs++;
          } else {
            await ticketIntent(trx, messaging, {
              appId: e.application_id,
              appName,
              kind,
              subject,
              who,
              event: e.type,
              why: WHY[e.type],
            });
            tickets++;
          }
        };
        if (relevant) await dispatch(rule.job, { userId: e.user_id }, payload.email ?? "A user");
        // Linked groups follow folder membership through the directory's onMembership hook; a new
        // account joins its groups when the provision job has created it.
      }
    }
    await enqueueMany(trx, dialect, intents, now);
    intents.length = 0;
    await trx.updateTable("events").set({ processed_at: now }).where("id", "in", part).execute();
  }
  return { jobs, tickets };
}
