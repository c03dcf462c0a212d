import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { type Connection, useDisconnect } from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { useNotify } from "../../../components/notifications";
import { CapabilitiesList } from "./CapabilitiesList";

const STATUS = {
  connected: { label: "Connected", color: "green" },
  failed: { label: "Connection failing", color: "red" },
  disconnected: { label: "Not connected", color: "gray" },
} as const;

const AUTH = { bearer: "Bearer token", basic: "HTTP Basic", oauth: "OAuth client credentials" } as const;

function authLabel(c: Connection): string | null {
  if (!c.authType) return null;
  if (c.authType === "basic" && c.username) return `${AUTH.basic} (user ${c.username})`;
  if (c.authType === "oauth" && c.clientId) return `${AUTH.oauth} (client ${c.clientId})`;
  return AUTH[c.authType];
}

/** Status, verified time, authentication and capabilities of the connection, and Disconnect. */
export function ConnectionSummary({ app, connection }: { app: Application; connection: Connection }) {
  const [confirming, setConfirming] = useState(false);
  const disconnect = useDisconnect(app.id);
  const notify = useNotify();
  const status = STATUS[connection.status];
  const auth = authLabel(connection);

  const onConfirm = () =>
    disconnect.mutate(undefined, {
      onSuccess: () => notify.success(`${app.name} is disconnected`),
      onError: (err) => notify.error(err, "Could not disconnect"),
      onSettled: () => setConfirming(false),
    });

  return (
    <Paper withBorder p="md" maw={640} component="section" aria-label="Connection">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Connection</Title>
          <Badge color={status.color} variant="light" size="lg">
            {status.label}
          </Badge>
        </Group>
        {connection.verifiedAt && (
          <Text size="sm">
            Verified <time dateTime={connection.verifiedAt}>{formatTime(connection.verifiedAt)}</time>
          </Text>
        )}
        {auth && connection.status !== "disconnected" && <Text size="sm">Authentication: {auth}</Text>}
        {connection.status === "failed" && connection.lastError && (
          <Alert color="red" title="The last call to the target failed">
            {connection.lastError.message}
          </Alert>
        )}
        {connection.status === "disconnected" && (
          <Text size="sm" c="dimmed">
            Save a base URL and a token to connect; the other tabs open once the connection works.
          </Text>
        )}
        {connection.capabilities && connection.status !== "disconnected" && (
          <>
            <Title order={5}>Capabilities found</Title>
            <CapabilitiesList capabilities={connection.capabilities} />
          </>
        )}
        {connection.status !== "disconnected" && (
          <Group>
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              Disconnect
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={`Disconnect ${app.name}?`}
        confirmLabel="Disconnect"
        loading={disconnect.isPending}
        onConfirm={onConfirm}
        onClose={() => setConfirming(false)}
      >
        SmartLink stops provisioning {app.name} and locks the other tabs. Accounts and groups in the
        application are not touched; links are kept, so reconnecting picks up where it left off.
      </ConfirmModal>
    </Paper>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
