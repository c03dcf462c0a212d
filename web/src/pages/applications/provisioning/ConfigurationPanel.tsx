import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import type { Application } from "../../../api/types";

/**
 * The SCIM connection form. It is a placeholder in this issue: the inputs stay disabled until the
 * provisioning module provides `PUT /api/applications/:id/provisioning/connection`.
 */
export function ConfigurationPanel({ app }: { app: Application }) {
  return (
    <Paper withBorder p="md" maw={640}>
      <Stack>
        <Title order={4}>Connect SmartLink to the SCIM endpoint</Title>
        <Text size="sm" c="dimmed">
          Enter the base URL of {app.name}'s SCIM endpoint and its authentication token, then click Save. Once
          the connection is established, SmartLink retrieves the SCIM schema and unlocks the other tabs.
        </Text>
        <Alert color="blue" title="Coming soon">
          The SCIM connection arrives with the provisioning module.
        </Alert>
        <TextInput label="Base URL" placeholder="https://app.example.com/scim/v2" disabled />
        <PasswordInput label="Token" placeholder="Bearer token" disabled />
        <div>
          <Button disabled>Save</Button>
        </div>
      </Stack>
    </Paper>
  );
}
