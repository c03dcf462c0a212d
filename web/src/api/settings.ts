/**
 * `/api/applications/:id/provisioning/settings` and the actions around it (DESIGN.md § HTTP API):
 * the mode of each of the four events, the reconciliation schedule, the pause of a failing target,
 * what automatic mode would act on from the past (`pending`), resume and reconcile-now. Shapes
 * mirror `SettingsView`, `SettingsBody` and the action responses in
 * src/provisioning/automation/settings.routes.ts.
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { JobStarted } from "./jobs";
import { provisioningKey } from "./provisioning";
import { useInvalidatingMutation } from "./resource";

export type Mode = "manual" | "notification" | "automatic";

/** The four events of the Settings tab, in the spec's order. */
export const SETTINGS_EVENTS = [
  "userGainsAccess",
  "userLosesAccess",
  "userDeactivated",
  "userUpdated",
] as const;
export type SettingsEvent = (typeof SETTINGS_EVENTS)[number];

/** A count per event, e.g. what apply-pending queued. */
export type PerEvent = Record<SettingsEvent, number>;

export interface ProvisioningSettings extends Record<SettingsEvent, Mode> {
  /** Minutes between scheduled reconciliations; null = off. */
  reconcileMinutes: number | null;
  maxConcurrency: number;
  lastReconciledAt: string | null;
  /** Set when the target was quarantined after repeated failures. */
  paused: { at: string; reason: string } | null;
  /**
   * What each event's automatic mode would act on now (apply-pending does it). The console asks
   * `?pending=automatic`: only the events set to automatic are counted, the others are null.
   */
  pending: Record<SettingsEvent, number | null>;
}

/** The PUT body: only the fields to change. */
export type SettingsInput = Partial<
  Pick<ProvisioningSettings, SettingsEvent | "reconcileMinutes" | "maxConcurrency">
>;

/** The bounds the server accepts (SettingsBody). */
export const RECONCILE_MINUTES = { min: 5, max: 10_080 } as const;
export const MAX_CONCURRENCY = { min: 1, max: 64 } as const;

const base = (appId: string) => `/applications/${appId}/provisioning`;
export const settingsKey = (appId: string) => [...provisioningKey(appId), "settings"] as const;

/** The events set to automatic that have something pending (what apply-pending would do). */
export const pendingAutomatic = (s: ProvisioningSettings | undefined): SettingsEvent[] =>
  s ? SETTINGS_EVENTS.filter((e) => s[e] === "automatic" && (s.pending[e] ?? 0) > 0) : [];

/** Only what the console shows is counted: the server's full count costs seconds at scale. */
const pendingQuery = { pending: "automatic" } as const;

/**
 * `GET …/settings`. With `followPending`, it is read again every 2.5 s while something is pending
 * for an automatic event, so the count goes down as the applied jobs run. Not faster: the server
 * computes `pending` from the drift of those events, which can cost seconds at 100,000 linked users.
 */
export const useSettings = (appId: string, followPending = false) =>
  useQuery({
    queryKey: settingsKey(appId),
    queryFn: () => api<ProvisioningSettings>("GET", `${base(appId)}/settings`, { query: pendingQuery }),
    refetchInterval: (q) => (followPending && pendingAutomatic(q.state.data).length > 0 ? 2_500 : false),
  });

/** Every write here can change every sub-tab (accounts appear, tickets go), so all are refreshed. */
const useProvisioningWrite = <A, R>(appId: string, fn: (arg: A) => Promise<R>) =>
  useInvalidatingMutation([provisioningKey(appId)], fn);

/** `PUT …/settings`: answers the saved settings with what is now pending. */
export const useSaveSettings = (appId: string) =>
  useProvisioningWrite(appId, (input: SettingsInput) =>
    api<ProvisioningSettings>("PUT", `${base(appId)}/settings`, { query: pendingQuery, body: input }),
  );

/** `POST …/settings/apply-pending` for the given events: queues the jobs for the past. */
export const useApplyPending = (appId: string) =>
  useProvisioningWrite(appId, (events: SettingsEvent[]) =>
    api<{ enqueued: PerEvent }>("POST", `${base(appId)}/settings/apply-pending`, { body: { events } }),
  );

/** `POST …/resume`: un-pauses a quarantined target; its waiting work runs again. */
export const useResume = (appId: string) =>
  useProvisioningWrite(appId, () => api<{ requeued: number }>("POST", `${base(appId)}/resume`));

/** `POST …/reconcile`: answers the job to follow. */
export const useReconcile = (appId: string) =>
  useProvisioningWrite(appId, () => api<JobStarted>("POST", `${base(appId)}/reconcile`));
