import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Accounts sub-tab (placeholder until it is built). */
export function AccountsPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Accounts section of {app.name} is not available yet.</Text>;
}
