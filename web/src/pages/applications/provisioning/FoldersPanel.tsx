import { Text } from "@mantine/core";
import type { Application } from "../../../api/types";

/** The Folders sub-tab (placeholder until it is built). */
export function FoldersPanel({ app }: { app: Application }) {
  return <Text c="dimmed">The Folders section of {app.name} is not available yet.</Text>;
}
