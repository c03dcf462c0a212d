import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Access sub-tab (placeholder until it is built). */
export function AccessPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Access section of {app.name} is not available yet.</Text>;
}
