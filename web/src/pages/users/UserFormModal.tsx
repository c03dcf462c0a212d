import { Button, Group, Modal, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import type { User, UserInput } from "../../api/types";
import { useCreateUser, useUpdateUser } from "../../api/users";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";

const empty = {
  email: "",
  firstName: "",
  lastName: "",
  displayName: "",
  phone: "",
  title: "",
  department: "",
};
type Fields = typeof empty;

function fieldsOf(user: User | null): Fields {
  if (!user) return empty;
  const a = user.attributes ?? {};
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    phone: str(a.phone),
    title: str(a.title),
    department: str(a.department),
  };
}

/**
 * The server merges `attributes` into the stored ones (a null value removes a key): an emptied
 * field is sent as null on edit and left out on create.
 */
function toInput(f: Fields, editing: boolean): UserInput {
  const attributes: Record<string, string | null> = {};
  for (const key of ["phone", "title", "department"] as const) {
    const v = f[key].trim();
    if (v) attributes[key] = v;
    else if (editing) attributes[key] = null;
  }
  const firstName = f.firstName.trim();
  const lastName = f.lastName.trim();
  return {
    email: f.email.trim(),
    firstName,
    lastName,
    displayName: f.displayName.trim() || `${firstName} ${lastName}`.trim(),
    attributes,
  };
}

/** Creates a user (`user` null) or edits one. */
export function UserFormModal(props: { opened: boolean; user: User | null; onClose(): void }) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const notify = useNotify();
  const [f, setF] = useState<Fields>(empty);
  const [active, setActive] = useState(true);
  const mutation = props.user ? update : create;
  const resetCreate = create.reset;
  const resetUpdate = update.reset;

  useEffect(() => {
    if (props.opened) {
      setF(fieldsOf(props.user));
      setActive(true);
      resetCreate();
      resetUpdate();
    }
  }, [props.opened, props.user, resetCreate, resetUpdate]);

  const bind = (key: keyof Fields) => ({
    value: f[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setF((prev) => ({ ...prev, [key]: value }));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = toInput(f, props.user !== null);
    const done = () => {
      notify.success(props.user ? `User ${input.email} saved` : `User ${input.email} created`);
      props.onClose();
    };
    if (props.user) update.mutate({ id: props.user.id, input }, { onSuccess: done });
    else create.mutate({ ...input, active }, { onSuccess: done });
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.user ? "Edit user" : "New user"}
      size="lg"
      centered
    >
      <form onSubmit={onSubmit}>
        <Stack>
          <QueryError error={mutation.error} title="Could not save the user" />
          <TextInput label="Email" type="email" required data-autofocus {...bind("email")} />
          <SimpleGrid cols={2}>
            <TextInput label="First name" required {...bind("firstName")} />
            <TextInput label="Last name" required {...bind("lastName")} />
          </SimpleGrid>
          <TextInput label="Display name" placeholder="First and last name" {...bind("displayName")} />
          <SimpleGrid cols={3}>
            <TextInput label="Phone" {...bind("phone")} />
            <TextInput label="Title" {...bind("title")} />
            <TextInput label="Department" {...bind("department")} />
          </SimpleGrid>
          {!props.user && (
            <Switch label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {props.user ? "Save" : "Create"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
