import { Button, Group, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { type Connection, useConnection, useSaveConnection } from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { useNotify } from "../../../components/notifications";
import { QueryError } from "../../../components/QueryError";
import { ConnectionSummary } from "./ConnectionSummary";

export const TOKEN_SET_PLACEHOLDER = "•••••• (set — leave empty to keep)";

/**
 * The Configuration sub-tab: the SCIM connection form (base URL and write-only token) and the
 * connection's status. Save tests the connection on the server, which stores nothing on failure.
 */
export function ConfigurationPanel({ app }: { app: Application }) {
  const connection = useConnection(app.id);
  if (connection.isPending) return <Loader size="sm" />;
  if (connection.isError)
    return <QueryError error={connection.error} title="Could not load the connection" />;
  return (
    <Stack>
      <ConnectionForm app={app} connection={connection.data} />
      <ConnectionSummary app={app} connection={connection.data} />
    </Stack>
  );
}

function ConnectionForm({ app, connection }: { app: Application; connection: Connection }) {
  const save = useSaveConnection(app.id);
  const notify = useNotify();
  const savedUrl = connection.baseUrl ?? "";
  const [baseUrl, setBaseUrl] = useState(savedUrl);
  const [token, setToken] = useState("");
  // Show the stored URL again whenever it changes (after a save, a disconnect, another app).
  const [shownUrl, setShownUrl] = useState(savedUrl);
  if (shownUrl !== savedUrl) {
    setShownUrl(savedUrl);
    setBaseUrl(savedUrl);
  }
  // After a disconnect the server forgets the credentials, so "keep the stored one" no longer applies.
  const keepsToken = connection.tokenSet;
  const otherAuth = connection.authType && connection.authType !== "bearer";

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The token never comes back from the server: an empty field means "keep the stored one".
    const input = token ? { baseUrl: baseUrl.trim(), token } : { baseUrl: baseUrl.trim() };
    save.mutate(input, {
      onSuccess: (saved) => {
        setToken("");
        notify.success(
          saved.targetChanged
            ? `${app.name} is connected to a new target: its accounts and groups will be read again`
            : `${app.name} is connected`,
        );
      },
    });
  };

  return (
    <Paper withBorder p="md" maw={640} component="form" onSubmit={onSubmit} aria-label="SCIM connection">
      <Stack>
        <Title order={4}>Connect SmartLink to the SCIM endpoint</Title>
        <Text size="sm" c="dimmed">
          Enter the base URL of {app.name}'s SCIM endpoint and its authentication token, then click Save. Once
          the connection is established, SmartLink retrieves the SCIM schema and unlocks the other tabs.
        </Text>
        <TextInput
          label="Base URL"
          placeholder="https://app.example.com/scim/v2"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
          required
          autoComplete="off"
        />
        <PasswordInput
          label="Token"
          description={
            otherAuth
              ? "The stored credentials are not a bearer token: enter a token to replace them, or leave empty to keep them."
              : undefined
          }
          placeholder={keepsToken ? TOKEN_SET_PLACEHOLDER : "Bearer token"}
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          autoComplete="new-password"
        />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={baseUrl.trim() === ""}>
            Save
          </Button>
        </Group>
        <QueryError error={save.error} title="Could not connect" />
      </Stack>
    </Paper>
  );
}
