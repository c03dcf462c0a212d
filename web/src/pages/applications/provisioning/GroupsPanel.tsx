import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Groups sub-tab (placeholder until it is built). */
export function GroupsPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Groups section of {app.name} is not available yet.</Text>;
}
