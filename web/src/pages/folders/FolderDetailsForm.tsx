import { Button, Group, Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useUpdateFolder } from "../../api/folders";
import type { Folder } from "../../api/types";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";

/** Name and description of a folder, saved with PATCH. */
export function FolderDetailsForm({ folder }: { folder: Folder }) {
  const update = useUpdateFolder();
  const notify = useNotify();
  const [name, setName] = useState(folder.name);
  const [description, setDescription] = useState(folder.description ?? "");

  useEffect(() => {
    setName(folder.name);
    setDescription(folder.description ?? "");
  }, [folder.name, folder.description]);

  const dirty = name.trim() !== folder.name || description.trim() !== (folder.description ?? "");
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: folder.id, input: { name: name.trim(), description: description.trim() } },
      { onSuccess: () => notify.success("Folder saved") },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-label="Details">
      <Stack>
        <Title order={4}>Details</Title>
        <QueryError error={update.error} title="Could not save the folder" />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maw={480}
        />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
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
