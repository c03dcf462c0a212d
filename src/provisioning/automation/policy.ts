/**
 * The policy, declaratively: which setting governs each directory event, which job carries it out,
 * and what each mode does with it (CONVENTIONS.md §11). A ticket's one-click action is the same job.
 */
import type { EventType } from "../../directory/index.js";
import type { Mode } from "../provisioning.tables.js";

/** The four events of the Settings tab (a reactivation follows `userDeactivated`). */
export const SETTINGS_EVENTS = [
  "userGainsAccess",
  "userLosesAccess",
  "userDeactivated",
  "userUpdated",
] as const;
export type SettingsEvent = (typeof SETTINGS_EVENTS)[number];

export type Outcome = "nothing" | "ticket" | "job";

/** Mode → outcome: the whole policy. */
export const POLICY: Readonly<Record<Mode, Outcome>> = {
  manual: "nothing",
  notification: "ticket",
  automatic: "job",
};

/** Job kinds of the automation. */
export type AccountJobKind =
  | "account.provision"
  | "account.deprovision"
  | "account.deactivate"
  | "account.reactivate"
  | "account.update";
export type JobKind = AccountJobKind | "group.sync" | "reconcile";

/** For each directory event: the setting that governs it and the job that acts on it. */
export const EVENT_RULES: Readonly<Record<EventType, { setting: SettingsEvent; job: AccountJobKind }>> = {
  userGainsAccess: { setting: "userGainsAccess", job: "account.provision" },
  userLosesAccess: { setting: "userLosesAccess", job: "account.deprovision" },
  userDeactivated: { setting: "userDeactivated", job: "account.deactivate" },
  userReactivated: { setting: "userDeactivated", job: "account.reactivate" },
  userUpdated: { setting: "userUpdated", job: "account.update" },
};

/** The setting that governs each account job (a reactivation follows `userDeactivated`). */
export const SETTING_OF_JOB = Object.fromEntries(
  Object.values(EVENT_RULES).map((r) => [r.job, r.setting]),
) as Readonly<Record<AccountJobKind, SettingsEvent>>;

/** The account jobs each setting governs (the inverse of {@link SETTING_OF_JOB}). */
export const JOBS_OF_SETTING = Object.fromEntries(
  SETTINGS_EVENTS.map((e) => [
    e,
    Object.values(EVENT_RULES)
      .filter((r) => r.setting === e)
      .map((r) => r.job),
  ]),
) as Readonly<Record<SettingsEvent, AccountJobKind[]>>;

/** The ticket's wording per job: title and what the one-click action does. */
export function describeAction(kind: JobKind, who: string, app: string): { title: string; action: string } {
  switch (kind) {
    case "account.provision":
      return { title: `${who} gained access to ${app}`, action: `Create ${who}'s account in ${app}` };
    case "account.deprovision":
      return { title: `${who} lost access to ${app}`, action: `Delete ${who}'s account in ${app}` };
    case "account.deactivate":
      return { title: `${who} was deactivated`, action: `Deactivate ${who}'s account in ${app}` };
    case "account.reactivate":
      return { title: `${who} was reactivated`, action: `Reactivate ${who}'s account in ${app}` };
    case "account.update":
      return { title: `${who}'s details changed`, action: `Update ${who}'s account in ${app}` };
    case "group.sync":
      return {
        title: `The members of ${who} changed`,
        action: `Update the members of ${who}'s group in ${app}`,
      };
    case "reconcile":
      return { title: `${app} needs reconciling`, action: `Reconcile ${app}` };
  }
}

/** Serial queue of a job: one user's (or one folder's) jobs in one application run in order. */
export function queueOf(appId: string, subject: { userId?: string; folderId?: string }): string {
  if (subject.userId) return `${appId}:user:${subject.userId}`;
  if (subject.folderId) return `${appId}:folder:${subject.folderId}`;
  return `${appId}:app`;
}
