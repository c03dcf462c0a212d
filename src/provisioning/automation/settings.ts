/**
 * The Settings tab's storage: a mode per event (default manual), the reconcile schedule, the
 * per-target concurrency, and the pause (quarantine) of a target that keeps failing.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { Mode, ProvisioningSettingsTable } from "../provisioning.tables.js";
import type { SettingsEvent } from "./policy.js";

export interface Settings {
  userGainsAccess: Mode;
  userLosesAccess: Mode;
  userDeactivated: Mode;
  userUpdated: Mode;
  /** Minutes between scheduled reconciliations; null = off. */
  reconcileMinutes: number | null;
  maxConcurrency: number;
  lastReconciledAt: string | null;
  paused: { at: string; reason: string } | null;
}

export const DEFAULT_SETTINGS: Settings = {
  userGainsAccess: "manual",
  userLosesAccess: "manual",
  userDeactivated: "manual",
  userUpdated: "manual",
  reconcileMinutes: 60,
  maxConcurrency: 8,
  lastReconciledAt: null,
  paused: null,
};

const COLUMN: Record<
  SettingsEvent,
  "user_gains_access" | "user_loses_access" | "user_deactivated" | "user_updated"
> = {
  userGainsAccess: "user_gains_access",
  userLosesAccess: "user_loses_access",
  userDeactivated: "user_deactivated",
  userUpdated: "user_updated",
};

export function toSettings(r: ProvisioningSettingsTable | undefined): Settings {
  if (!r) return DEFAULT_SETTINGS;
  return {
    userGainsAccess: r.user_gains_access,
    userLosesAccess: r.user_loses_access,
    userDeactivated: r.user_deactivated,
    userUpdated: r.user_updated,
    reconcileMinutes: r.reconcile_minutes === null ? null : Number(r.reconcile_minutes),
    maxConcurrency: Number(r.max_concurrency),
    lastReconciledAt: r.last_reconciled_at,
    paused: r.paused_at ? { at: r.paused_at, reason: r.pause_reason ?? "" } : null,
  };
}

export async function loadSettings(
  db: Kysely<DB>,
  appIds: readonly string[],
): Promise<Map<string, Settings>> {
  const out = new Map<string, Settings>();
  if (appIds.length === 0) return out;
  const rows = await db
    .selectFrom("provisioning_settings")
    .selectAll()
    .where("application_id", "in", appIds)
    .execute();
  for (const id of appIds) out.set(id, DEFAULT_SETTINGS);
  for (const r of rows) out.set(r.application_id, toSettings(r));
  return out;
}

export type SettingsPatch = Partial<
  Pick<
    Settings,
    | "userGainsAccess"
    | "userLosesAccess"
    | "userDeactivated"
    | "userUpdated"
    | "reconcileMinutes"
    | "maxConcurrency"
  >
>;

/** Upserts the given fields (others keep their value or default). */
export async function saveSettings(
  db: Kysely<DB>,
  appId: string,
  patch: SettingsPatch,
  now: string,
): Promise<void> {
  const set: Partial<ProvisioningSettingsTable> = { updated_at: now };
  for (const e of Object.keys(COLUMN) as SettingsEvent[]) if (patch[e]) set[COLUMN[e]] = patch[e];
  if (patch.reconcileMinutes !== undefined) set.reconcile_minutes = patch.reconcileMinutes;
  if (patch.maxConcurrency !== undefined) set.max_concurrency = patch.maxConcurrency;
  await ensureRow(db, appId, now);
  await db.updateTable("provisioning_settings").set(set).where("application_id", "=", appId).execute();
}

/** Creates the default row when missing (settings rows are created lazily). */
export async function ensureRow(db: Kysely<DB>, appId: string, now: string): Promise<void> {
  await db
    .insertInto("provisioning_settings")
    .values({
      application_id: appId,
      user_gains_access: "manual",
      user_loses_access: "manual",
      user_deactivated: "manual",
      user_updated: "manual",
      reconcile_minutes: 60,
      max_concurrency: 8,
      consecutive_failures: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .execute();
}
