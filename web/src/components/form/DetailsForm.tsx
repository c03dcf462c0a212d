import { Button, Group, Paper, Stack, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { type Resource, useUpdate } from "../../api/resource";
import { useNotify } from "../notifications";
import { QueryError } from "../QueryError";
import { type FieldSpec, FormFields, trimmed, useFieldValues, type Values } from "./fields";

interface DetailsFormProps<K extends string, T, I> {
  /** The collection the item is saved to (`PATCH`). */
  resource: Resource<T, I>;
  /** The id the PATCH goes to. */
  id: string;
  /** The stored values; the fields are reset whenever they change. */
  saved: Values<K>;
  fields: readonly FieldSpec<K>[];
  /** Send only the fields whose trimmed value differs from the stored one. */
  changedOnly?: boolean;
  /** The PATCH body from the trimmed values (all of them, or only the changed ones). */
  toInput(values: Partial<Values<K>>): Partial<I>;
  errorTitle: string;
  savedMessage: string;
}

/** The "Details" panel of an item page: its fields, saved with PATCH; Save is enabled once edited. */
export function DetailsForm<K extends string, T, I>(props: DetailsFormProps<K, T, I>) {
  const { saved } = props;
  const mutation = useUpdate(props.resource);
  const notify = useNotify();
  const { values, setValues, setField } = useFieldValues<K>(saved);
  // Reset the fields when the stored values change (after a save, or another item).
  const savedKey = JSON.stringify(saved);
  const [shown, setShown] = useState(savedKey);
  if (shown !== savedKey) {
    setShown(savedKey);
    setValues(saved);
  }

  const current = trimmed(values);
  const changed = props.fields.filter((f) => current[f.name] !== saved[f.name]).map((f) => f.name);
  const sent = props.changedOnly ? Object.fromEntries(changed.map((k) => [k, current[k]])) : current;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(
      { id: props.id, input: props.toInput(sent as Partial<Values<K>>) },
      { onSuccess: () => notify.success(props.savedMessage) },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-label="Details">
      <Stack>
        <Title order={4}>Details</Title>
        <QueryError error={mutation.error} title={props.errorTitle} />
        <FormFields fields={props.fields} values={values} onChange={setField} maw={480} />
        <Group>
          <Button type="submit" disabled={changed.length === 0} loading={mutation.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
