import { useEffect } from "react";
import { type Resource, useCreate } from "../../api/resource";
import { useNotify } from "../notifications";
import { FormModal } from "./FormModal";
import { emptyValues, type FieldRow, FormFields, trimmed, useFieldValues, type Values } from "./fields";

/** Props of {@link CreateFormModal}. */
export interface CreateFormModalProps<K extends string, T, I> {
  opened: boolean;
  onClose(): void;
  /** Called with the created item before the modal closes. */
  onCreated?(item: T): void;
  title: string;
  errorTitle: string;
  /** A stable (module-level) array: the fields are emptied whenever the modal opens or it changes. */
  fields: readonly FieldRow<K>[];
  /** The collection created in (`POST`). */
  resource: Resource<T, I>;
  /** The request body from the trimmed values. */
  toInput(values: Values<K>): I;
  /** The success toast, e.g. `Folder "Finance" created`. */
  created(item: T): string;
}

/**
 * A "New …" dialog built from field specs: empty fields on every open, a Create button, the
 * server's validation message inline, and a toast once created.
 */
export function CreateFormModal<K extends string, T, I>(props: CreateFormModalProps<K, T, I>) {
  const { fields, opened } = props;
  const mutation = useCreate(props.resource);
  const notify = useNotify();
  const { values, setValues, setField } = useFieldValues<K>(() => emptyValues(fields));
  const { reset } = mutation;

  useEffect(() => {
    if (opened) {
      setValues(emptyValues(fields));
      reset();
    }
  }, [opened, fields, setValues, reset]);

  const onSubmit = () =>
    mutation.mutate(props.toInput(trimmed(values)), {
      onSuccess: (item) => {
        notify.success(props.created(item));
        props.onCreated?.(item);
        props.onClose();
      },
    });

  return (
    <FormModal
      opened={opened}
      onClose={props.onClose}
      title={props.title}
      error={mutation.error}
      errorTitle={props.errorTitle}
      submitLabel="Create"
      loading={mutation.isPending}
      onSubmit={onSubmit}
    >
      <FormFields fields={fields} values={values} onChange={setField} autofocusFirst />
    </FormModal>
  );
}
