/**
 * The Settings tab over HTTP: `GET/PUT …/provisioning/settings` (a mode per event, reconcile
 * schedule, concurrency; GET also says what is pending), `POST …/settings/apply-pending` (switching
 * to automatic never acts on the past by surprise: this is how the past is applied, on request),
 * `POST …/resume` (un-pause a quarantined target), `POST …/reconcile` (now).
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import { isoNow } from "../../clock.js";
import { ErrorBody, errorResponses, Id } from "../../directory/index.js";
import { loadMapping } from "../mapping.service.js";
import type { Provisioning } from "../provisioning.js";
import { actorOf } from "../provisioning.routes.js";
import type { Automation } from "./automation.js";
import { enqueueIntent } from "./dispatch.js";
import { findDrift } from "./drift.js";
import { JOBS_OF_SETTING, SETTINGS_EVENTS, type SettingsEvent } from "./policy.js";
import { ensureRow, loadSettings, saveSettings } from "./settings.js";

const Mode = z.enum(["manual", "notification", "automatic"]);
const Params = z.strictObject({ id: Id });
const errors = { ...errorResponses, 502: ErrorBody };

const Count = z.number().int();
/** Per event; null when not counted (`?pending=automatic` and the event is not automatic). */
const Pending = z.object({
  userGainsAccess: Count.nullable(),
  userLosesAccess: Count.nullable(),
  userDeactivated: Count.nullable(),
  userUpdated: Count.nullable(),
});
const Enqueued = z.object({
  userGainsAccess: Count,
  userLosesAccess: Count,
  userDeactivated: Count,
  userUpdated: Count,
});
const PendingQuery = z.strictObject({
  pending: z
    .enum(["all", "automatic"])
    .default("all")
    .describe(
      "all: count what every event's automatic mode would act on; automatic: only the events set to automatic (the others are null) — much cheaper on a large directory",
    ),
});
const SettingsView = z.object({
  userGainsAccess: Mode,
  userLosesAccess: Mode,
  userDeactivated: Mode,
  userUpdated: Mode,
  reconcileMinutes: z.number().int().nullable(),
  maxConcurrency: z.number().int(),
  lastReconciledAt: z.string().nullable(),
  paused: z.object({ at: z.string(), reason: z.string() }).nullable(),
  pending: Pending.describe("What each event's automatic mode would act on now (apply-pending does it)"),
});
const SettingsBody = z.strictObject({
  userGainsAccess: Mode.optional(),
  userLosesAccess: Mode.optional(),
  userDeactivated: Mode.optional(),
  userUpdated: Mode.optional(),
  reconcileMinutes: z
    .number()
    .int()
    .min(5)
    .max(10_080)
    .nullable()
    .optional()
    .describe("null turns the schedule off"),
  maxConcurrency: z.number().int().min(1).max(64).optional(),
});

export const settingsRoutes: FastifyPluginAsync<{
  provisioning: Provisioning;
  automation: Automation;
  clock: Clock;
}> = async (base, { provisioning, automation, clock }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = automation.db;
  const at = (p: string) => `/applications/:id/provisioning${p}`;
  const tags = ["provisioning"];

  /** The drift of the given events only (each event's job kinds), with a count per event. */
  async function pending(appId: string, events: readonly SettingsEvent[]) {
    const kinds = new Set(events.flatMap((e) => JOBS_OF_SETTING[e]));
    const drift = await findDrift(db, appId, await loadMapping(db, appId), kinds);
    const counts: Record<SettingsEvent, number | null> = {
      userGainsAccess: null,
      userLosesAccess: null,
      userDeactivated: null,
      userUpdated: null,
    };
    for (const e of events) counts[e] = JOBS_OF_SETTING[e].reduce((n, k) => n + drift[k].length, 0);
    return { drift, counts };
  }
  async function view(appId: string, which: "all" | "automatic") {
    await provisioning.client(appId); // 404 / 409 not_connected first
    const settings = (await loadSettings(db, [appId])).get(appId)!;
    const events =
      which === "all" ? SETTINGS_EVENTS : SETTINGS_EVENTS.filter((e) => settings[e] === "automatic");
    return { ...settings, pending: (await pending(appId, events)).counts };
  }

  app.get(
    at("/settings"),
    {
      schema: {
        tags,
        summary: "The four events' modes, schedule, pause state and what is pending",
        params: Params,
        querystring: PendingQuery,
        response: { 200: SettingsView, ...errors },
      },
    },
    async (req) => view(req.params.id, req.query.pending),
  );
  app.put(
    at("/settings"),
    {
      schema: {
        tags,
        summary: "Set modes (manual | notification | automatic), schedule, concurrency",
        description:
          "Changing a mode never acts on the past: `pending` says what automatic would do, apply-pending does it.",
        params: Params,
        querystring: PendingQuery,
        body: SettingsBody,
        response: { 200: SettingsView, ...errors },
      },
    },
    async (req) => {
      await provisioning.client(req.params.id);
      await saveSettings(db, req.params.id, req.body, isoNow(clock));
      return view(req.params.id, req.query.pending);
    },
  );
  app.post(
    at("/settings/apply-pending"),
    {
      schema: {
        tags,
        summary: "Queue the jobs for what is pending, for the given events (default: those set to automatic)",
        params: Params,
        body: z.strictObject({ events: z.array(z.enum(SETTINGS_EVENTS)).min(1).optional() }).nullish(),
        response: { 200: z.object({ enqueued: Enqueued }), ...errors },
      },
    },
    async (req) => {
      const appId = req.params.id;
      await provisioning.client(appId);
      const settings = (await loadSettings(db, [appId])).get(appId)!;
      const events = req.body?.events ?? SETTINGS_EVENTS.filter((e) => settings[e] === "automatic");
      const { drift } = await pending(appId, events);
      const enqueued = { userGainsAccess: 0, userLosesAccess: 0, userDeactivated: 0, userUpdated: 0 };
      const actor = actorOf(req);
      await db.transaction().execute(async (trx) => {
        await ensureRow(trx, appId, isoNow(clock));
        for (const e of events) {
          for (const kind of JOBS_OF_SETTING[e]) {
            for (const userId of drift[kind]) {
              await enqueueIntent(trx, { appId, kind, subject: { userId }, actor }, isoNow(clock));
              enqueued[e]++;
            }
          }
        }
      });
      automation.worker()?.nudge();
      return { enqueued };
    },
  );
  app.post(
    at("/resume"),
    {
      schema: {
        tags,
        summary: "Resume a paused (quarantined) target: its waiting work runs again",
        params: Params,
        response: { 200: z.object({ requeued: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      await provisioning.client(req.params.id);
      return automation.resume(req.params.id);
    },
  );
  app.post(
    at("/reconcile"),
    {
      schema: {
        tags,
        summary: "Queue a reconciliation now (refresh, find drift, act per mode)",
        params: Params,
        response: { 202: z.object({ jobId: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      const appId = req.params.id;
      await provisioning.client(appId);
      const { id } = await db
        .transaction()
        .execute((trx) =>
          enqueueIntent(
            trx,
            { appId, kind: "reconcile", subject: {}, actor: actorOf(req), priority: 10 },
            isoNow(clock),
          ),
        );
      automation.worker()?.nudge();
      return reply.code(202).send({ jobId: id });
    },
  );
};
