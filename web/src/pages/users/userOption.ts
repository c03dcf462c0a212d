import type { User } from "../../api/types";
import type { PickerOption } from "../../components/EntityPicker";

/** How a user appears in pickers: "Display Name (email)". */
export function userOption(user: User): PickerOption {
  const name = user.displayName || `${user.firstName} ${user.lastName}`.trim();
  return { value: user.id, label: name ? `${name} (${user.email})` : user.email };
}
