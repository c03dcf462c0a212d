import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useCreateFolder } from "../../api/folders";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";

/** "New folder": name and description. */
export function FolderFormModal(props: { opened: boolean; onClose(): void }) {
  const create = useCreateFolder();
  const notify = useNotify();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const { reset } = create;

  useEffect(() => {
    if (props.opened) {
      setName("");
      setDescription("");
      reset();
    }
  }, [props.opened, reset]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), description: description.trim() },
      {
        onSuccess: (folder) => {
          notify.success(`Folder "${folder.name}" created`);
          props.onClose();
        },
      },
    );
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New folder" centered>
      <form onSubmit={onSubmit}>
        <Stack>
          <QueryError error={create.error} title="Could not create the folder" />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
