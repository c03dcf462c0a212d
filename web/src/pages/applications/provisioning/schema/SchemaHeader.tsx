/**
 * The top of the Schema sub-tab: when the target's schema was fetched, "Refresh schema" to read
 * it again, and a word when the target did not publish a discovery document (SmartLink then uses
 * the RFC 7643 one).
 */
import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { type SchemaView, useRefreshSchema } from "../../../../api/schema";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

const MISSING = {
  schemas: "/Schemas",
  resourceTypes: "/ResourceTypes",
  serviceProviderConfig: "/ServiceProviderConfig",
};

export function SchemaHeader({ app, view }: { app: Application; view: SchemaView }) {
  const refresh = useRefreshSchema(app.id);
  const notify = useNotify();
  const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter((k) => view.fallback[k]);
  const versions = view.history.length;

  const onRefresh = () =>
    refresh.mutate(undefined, {
      onSuccess: (fresh) =>
        notify.success(
          fresh.changed
            ? `The schema of ${app.name} changed: the new one is shown`
            : `The schema of ${app.name} is unchanged`,
        ),
      onError: (err) => notify.error(err, "Could not fetch the schema"),
    });

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>SCIM schema of {app.name}</Title>
          <Text size="sm" c="dimmed">
            {view.fetchedAt ? (
              <>
                Fetched <time dateTime={view.fetchedAt}>{formatTime(view.fetchedAt)}</time>
                {versions > 1 && ` · ${versions} versions kept`}
              </>
            ) : (
              "Not fetched yet"
            )}
          </Text>
        </div>
        <Button variant="light" onClick={onRefresh} loading={refresh.isPending}>
          Refresh schema
        </Button>
      </Group>
      {missing.length > 0 && (
        <Alert color="yellow" title="Part of the schema comes from the SCIM standard">
          {app.name} does not publish {missing.map((k) => MISSING[k]).join(", ")}; SmartLink uses the
          definitions of RFC 7643 instead, and checks the mapping against them.
        </Alert>
      )}
    </Stack>
  );
}
