/**
 * How the inbox words a ticket: what happened, what its one-click action does (the same sentences as
 * `describeAction` in src/provisioning/automation/policy.ts, which titles the tickets), the button
 * label, the Provisioning sub-tab where the admin can act by hand, and the outcome of an action.
 */
import type { ResolveOutcome, Ticket } from "../../api/tickets";

/** What raised the ticket, as a short label. */
const EVENTS: Record<string, string> = {
  userGainsAccess: "Access granted",
  userLosesAccess: "Access removed",
  userDeactivated: "User deactivated",
  userReactivated: "User reactivated",
  userUpdated: "Details changed",
  reconcile: "Found by reconciliation",
  jobFailed: "Action failed",
  targetPaused: "Provisioning paused",
};

export const eventLabel = (t: Ticket) => EVENTS[t.event] ?? t.event;

/** Per action: the one-click button, its sentence, and the sub-tab to act by hand. */
const ACTIONS: Record<string, { button: string; does(who: string, app: string): string; sub: string }> = {
  "account.provision": {
    button: "Create the account",
    does: (who, app) => `Create ${who}'s account in ${app}`,
    sub: "access",
  },
  "account.deprovision": {
    button: "Delete the account",
    does: (who, app) => `Delete ${who}'s account in ${app}`,
    sub: "accounts",
  },
  "account.deactivate": {
    button: "Deactivate the account",
    does: (who, app) => `Deactivate ${who}'s account in ${app}`,
    sub: "accounts",
  },
  "account.reactivate": {
    button: "Reactivate the account",
    does: (who, app) => `Reactivate ${who}'s account in ${app}`,
    sub: "accounts",
  },
  "account.update": {
    button: "Update the account",
    does: (who, app) => `Update ${who}'s account in ${app}`,
    sub: "accounts",
  },
  "group.sync": {
    button: "Update the group",
    does: (who, app) => `Update the members of ${who}'s group in ${app}`,
    sub: "folders",
  },
  reconcile: { button: "Reconcile now", does: (_who, app) => `Reconcile ${app}`, sub: "accounts" },
  "target.resume": {
    button: "Resume provisioning",
    does: (_who, app) => `Resume provisioning to ${app}: the waiting work runs again`,
    sub: "configuration",
  },
};

const appName = (t: Ticket) => t.applicationName ?? "the deleted application";

/** Who the ticket is about, as the server names them in its titles. */
function subject(t: Ticket): string {
  if (t.folderId !== null) return t.folderName ? `"${t.folderName}"` : "a deleted folder";
  if (t.userId !== null) return t.userEmail ?? "a deleted user";
  return appName(t);
}

/** The label of the one-click button; a failed job's ticket retries it. */
export function actionButton(t: Ticket): string {
  if (t.event === "jobFailed") return "Retry";
  return ACTIONS[t.action]?.button ?? "Perform the action";
}

/** The action itself, in a sentence ("Create ada@example.test's account in Slack"). */
function does(t: Ticket): string {
  const words = ACTIONS[t.action];
  return words ? words.does(subject(t), appName(t)) : `Run ${t.action} in ${appName(t)}`;
}

/** What the one-click action will do, in a sentence. */
export const actionSentence = (t: Ticket) => (t.event === "jobFailed" ? `Retry: ${does(t)}` : does(t));

/** Deleting an account is the one action that removes something from the target: it confirms. */
export const isDestructive = (t: Ticket) => t.action === "account.deprovision";

/** The application's Provisioning sub-tab where the admin can do the same by hand. */
export function handLink(t: Ticket): { to: string; label: string } {
  const sub = ACTIONS[t.action]?.sub ?? "configuration";
  const label = `${sub[0]?.toUpperCase()}${sub.slice(1)}`;
  return {
    to: `/applications/${t.applicationId}?tab=provisioning&sub=${sub}`,
    label: `Open ${appName(t)} › Provisioning › ${label}`,
  };
}

/** The outcome of resolving, in words; `failed` when the action did not happen. */
export function outcomeWords(t: Ticket, o: ResolveOutcome): { failed: boolean; text: string } {
  switch (o.status) {
    case "done":
      return { failed: false, text: `Performed: ${does(t)}.` };
    case "notApplicable":
      return { failed: false, text: `Not applicable, nothing was done. ${o.message}` };
    case "failed":
      return { failed: true, text: `Failed: ${o.message} (the ticket stays open)` };
    case "pending":
      return { failed: false, text: `Still running: the ticket stays open until it finishes. ${o.message}` };
  }
}

/** What a closed or retried ticket's recorded result says, in words; null when it holds none. */
export function resultWords(t: Ticket): { color: string; text: string } | null {
  const r = t.result;
  if (!r) return null;
  const message = typeof r.message === "string" ? r.message : "";
  const outcome = typeof r.outcome === "string" ? r.outcome : "";
  if (outcome === "failed") return { color: "red", text: `The last attempt failed: ${message}` };
  if (outcome === "pending") return { color: "yellow", text: `Still running. ${message}` };
  if (outcome === "notApplicable" || outcome === "skipped")
    return { color: "gray", text: `Not applicable, nothing was done. ${message || String(r.reason ?? "")}` };
  const detail = outcome && outcome !== "done" ? ` (${humanize(outcome)})` : "";
  return { color: "green", text: `Performed: ${does(t)}${detail}.` };
}

/** `linkedExisting` → "linked existing". */
const humanize = (word: string) => word.replace(/([A-Z])/g, " $1").toLowerCase();

/** Who closed the ticket, in words. */
export function closedBy(t: Ticket): string {
  const by = t.resolvedBy ?? "";
  if (by === "system") return "SmartLink";
  if (by.startsWith("token:")) return `the API token ${by.slice("token:".length)}`;
  return "an admin";
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "5 minutes ago"; the exact time goes in the `<time>` element's title. */
export function ago(iso: string, now = Date.now()): string {
  let value = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(value)) return iso;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return iso;
}
