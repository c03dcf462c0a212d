import { Alert } from "@mantine/core";
import { errorMessage } from "../api/client";

/** An inline error for a failed load or a failed form submission; renders nothing without one. */
export function QueryError({ error, title = "Could not load data" }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
