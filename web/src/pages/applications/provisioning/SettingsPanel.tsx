import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Settings sub-tab (placeholder until it is built). */
export function SettingsPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Settings section of {app.name} is not available yet.</Text>;
}
