/**
 * The Settings tab's words, from the product spec's two tables (the events and what each mode
 * does) plus how the console says what is pending for an event, so every screen says it alike.
 */
import type { Mode, SettingsEvent } from "../../../../api/settings";

/** The spec's name of each event. */
export const EVENT_LABELS: Record<SettingsEvent, string> = {
  userGainsAccess: "A user gains access to the application",
  userLosesAccess: "A user loses access to the application",
  userDeactivated: "A SmartLink user is deactivated",
  userUpdated: "User metadata is updated",
};

/** The spec's "Automatic Mode" column: what automatic does for each event. */
export const AUTOMATIC_TEXT: Record<SettingsEvent, string> = {
  userGainsAccess: "Automatically create an account in the target application (provisioning)",
  userLosesAccess: "Remove the associated account in the target application (deprovisioning)",
  userDeactivated: "Deactivate the corresponding account in the target application",
  userUpdated: "Update the account (name, first name, email...) in the target application",
};

export const MODE_LABELS: Record<Mode, string> = {
  manual: "Manual",
  notification: "Notification",
  automatic: "Automatic",
};

/** The spec's "Behavior" of each mode; automatic's is the event's own text. */
export function modeText(mode: Mode, event: SettingsEvent): string {
  if (mode === "manual") return "No automatic action - you act from the previous tabs";
  if (mode === "notification") return "A ticket is created in SmartLink messaging to guide you";
  return AUTOMATIC_TEXT[event];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** What automatic mode would do now about the past, e.g. "3 users have access but no account…". */
export function pendingText(event: SettingsEvent, n: number, app: string): string {
  switch (event) {
    case "userGainsAccess":
      return `${plural(n, "user has", "users have")} access but no account in ${app}: their accounts would be created.`;
    case "userLosesAccess":
      return `${plural(n, "account belongs", "accounts belong")} to users who no longer have access: they would be removed from ${app}.`;
    case "userDeactivated":
      return `${plural(n, "account does", "accounts do")} not match the user's active state: they would be deactivated or reactivated in ${app}.`;
    case "userUpdated":
      return `${plural(n, "account is", "accounts are")} out of date: they would be updated in ${app}.`;
  }
}
