import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Activity sub-tab (placeholder until it is built). */
export function ActivityPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Activity section of {app.name} is not available yet.</Text>;
}
