import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Schema sub-tab (placeholder until it is built). */
export function SchemaPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Schema section of {app.name} is not available yet.</Text>;
}
