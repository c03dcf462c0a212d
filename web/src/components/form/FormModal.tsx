import { Button, Group, Modal, type ModalProps, Stack } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { QueryError } from "../QueryError";

interface FormModalProps {
  opened: boolean;
  onClose(): void;
  title: string;
  size?: ModalProps["size"];
  /** The failed submission, shown inline above the fields. */
  error: unknown;
  errorTitle: string;
  submitLabel: string;
  loading: boolean;
  onSubmit(): void;
  children: ReactNode;
}

/** A centred modal holding a form: inline error, the fields, then Cancel and the submit button. */
export function FormModal(props: FormModalProps) {
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size} centered>
      <form onSubmit={onSubmit}>
        <Stack>
          <QueryError error={props.error} title={props.errorTitle} />
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.loading}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
