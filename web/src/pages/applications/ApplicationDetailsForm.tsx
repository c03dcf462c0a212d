import { Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useUpdateApplication } from "../../api/applications";
import type { Application } from "../../api/types";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";

/** Name and URL of an application, saved with PATCH (only the fields that changed). */
export function ApplicationDetailsForm({ app }: { app: Application }) {
  const update = useUpdateApplication();
  const notify = useNotify();
  const [name, setName] = useState(app.name);
  const [url, setUrl] = useState(app.url ?? "");

  useEffect(() => {
    setName(app.name);
    setUrl(app.url ?? "");
  }, [app.name, app.url]);

  const changes = {
    ...(name.trim() !== app.name ? { name: name.trim() } : {}),
    ...(url.trim() !== (app.url ?? "") ? { url: url.trim() || null } : {}),
  };
  const dirty = Object.keys(changes).length > 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: app.id, input: changes }, { onSuccess: () => notify.success("Application saved") });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-label="Details">
      <Stack>
        <Title order={4}>Details</Title>
        <QueryError error={update.error} title="Could not save the application" />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maw={480}
        />
        <TextInput
          label="URL"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          maw={480}
        />
        <Group>
          <Button type="submit" disabled={!dirty} loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
