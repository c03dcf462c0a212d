import { SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { useCallback, useState } from "react";

/** One text field of a form, described as data. */
export interface FieldSpec<K extends string> {
  name: K;
  label: string;
  type?: "email" | "url";
  /** A textarea instead of a one-line input. */
  multiline?: boolean;
  required?: boolean;
  placeholder?: string;
}

/** A field on its own line, or several side by side in equal columns. */
export type FieldRow<K extends string> = FieldSpec<K> | FieldSpec<K>[];

/** The raw (untrimmed) text of every field of a form. */
export type Values<K extends string> = Record<K, string>;

/** The values of a field form with a setter for one field and one for all. */
export function useFieldValues<K extends string>(initial: Values<K> | (() => Values<K>)) {
  const [values, setValues] = useState<Values<K>>(initial);
  const setField = useCallback(
    (name: K, value: string) => setValues((prev) => ({ ...prev, [name]: value })),
    [],
  );
  return { values, setValues, setField };
}

/** Every value trimmed. */
export function trimmed<K extends string>(values: Values<K>): Values<K> {
  const out = { ...values };
  for (const key of Object.keys(out) as K[]) out[key] = out[key].trim();
  return out;
}

/** Every field (by name) set to the empty string. */
export function emptyValues<K extends string>(rows: readonly FieldRow<K>[]): Values<K> {
  const out = {} as Values<K>;
  for (const spec of rows.flat()) out[spec.name] = "";
  return out;
}

interface FormFieldsProps<K extends string> {
  fields: readonly FieldRow<K>[];
  values: Values<K>;
  onChange(name: K, value: string): void;
  /** A maximum width for every field. */
  maw?: number;
  /** Give the first field `data-autofocus` (Mantine's modal focuses it on open). */
  autofocusFirst?: boolean;
}

/** Renders field rows as Mantine inputs bound to `values`. */
export function FormFields<K extends string>({
  fields,
  values,
  onChange,
  maw,
  autofocusFirst,
}: FormFieldsProps<K>) {
  const first = fields.flat()[0]?.name;
  const input = (spec: FieldSpec<K>) => {
    const common = {
      label: spec.label,
      required: spec.required,
      placeholder: spec.placeholder,
      value: values[spec.name],
      maw,
      "data-autofocus": autofocusFirst && spec.name === first ? true : undefined,
    };
    return spec.multiline ? (
      <Textarea key={spec.name} {...common} onChange={(e) => onChange(spec.name, e.currentTarget.value)} />
    ) : (
      <TextInput
        key={spec.name}
        {...common}
        type={spec.type}
        onChange={(e) => onChange(spec.name, e.currentTarget.value)}
      />
    );
  };
  return fields.map((row) =>
    Array.isArray(row) ? (
      <SimpleGrid key={row.map((s) => s.name).join()} cols={row.length}>
        {row.map(input)}
      </SimpleGrid>
    ) : (
      input(row)
    ),
  );
}
