import { Switch } from "@mantine/core";
import { useEffect, useState } from "react";
import { useCreate, useUpdate } from "../../api/resource";
import type { User, UserInput } from "../../api/types";
import { users } from "../../api/users";
import { FormModal } from "../../components/form/FormModal";
import { type FieldRow, FormFields, useFieldValues, type Values } from "../../components/form/fields";
import { useNotify } from "../../components/notifications";

type Key = "email" | "firstName" | "lastName" | "displayName" | "phone" | "title" | "department";
type Fields = Values<Key>;

const ATTRIBUTES = ["phone", "title", "department"] as const;

const fields: FieldRow<Key>[] = [
  { name: "email", label: "Email", type: "email", required: true },
  [
    { name: "firstName", label: "First name", required: true },
    { name: "lastName", label: "Last name", required: true },
  ],
  { name: "displayName", label: "Display name", placeholder: "First and last name" },
  [
    { name: "phone", label: "Phone" },
    { name: "title", label: "Title" },
    { name: "department", label: "Department" },
  ],
];

function fieldsOf(user: User | null): Fields {
  const a = user?.attributes ?? {};
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    email: user?.email ?? "",
    firstName: user?.firstName ?? "",
    lastName: user?.lastName ?? "",
    displayName: user?.displayName ?? "",
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
  for (const key of ATTRIBUTES) {
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
  const create = useCreate(users);
  const update = useUpdate(users);
  const notify = useNotify();
  const { values, setValues, setField } = useFieldValues<Key>(() => fieldsOf(null));
  const [active, setActive] = useState(true);
  const mutation = props.user ? update : create;
  const resetCreate = create.reset;
  const resetUpdate = update.reset;

  useEffect(() => {
    if (props.opened) {
      setValues(fieldsOf(props.user));
      setActive(true);
      resetCreate();
      resetUpdate();
    }
  }, [props.opened, props.user, setValues, resetCreate, resetUpdate]);

  const onSubmit = () => {
    const input = toInput(values, props.user !== null);
    const done = () => {
      notify.success(props.user ? `User ${input.email} saved` : `User ${input.email} created`);
      props.onClose();
    };
    if (props.user) update.mutate({ id: props.user.id, input }, { onSuccess: done });
    else create.mutate({ ...input, active }, { onSuccess: done });
  };

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.user ? "Edit user" : "New user"}
      size="lg"
      error={mutation.error}
      errorTitle="Could not save the user"
      submitLabel={props.user ? "Save" : "Create"}
      loading={mutation.isPending}
      onSubmit={onSubmit}
    >
      <FormFields fields={fields} values={values} onChange={setField} autofocusFirst />
      {!props.user && (
        <Switch label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      )}
    </FormModal>
  );
}
