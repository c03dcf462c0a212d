import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useCreateApplication } from "../../api/applications";
import type { Application } from "../../api/types";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";

/** "New application": name and URL; the server validates both and its message is shown inline. */
export function ApplicationFormModal(props: {
  opened: boolean;
  onClose(): void;
  onCreated?(app: Application): void;
}) {
  const create = useCreateApplication();
  const notify = useNotify();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");

  const { reset } = create;
  useEffect(() => {
    if (props.opened) {
      setName("");
      setUrl("");
      reset();
    }
  }, [props.opened, reset]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), url: url.trim() || null },
      {
        onSuccess: (app) => {
          notify.success(`Application "${app.name}" created`);
          props.onCreated?.(app);
          props.onClose();
        },
      },
    );
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New application" centered>
      <form onSubmit={onSubmit}>
        <Stack>
          <QueryError error={create.error} title="Could not create the application" />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="URL"
            type="url"
            placeholder="https://app.example.com"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
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
