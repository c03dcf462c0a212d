import type { ApplicationInput } from "../../api/types";
import type { FieldSpec, Values } from "../../components/form/fields";

type Key = "name" | "url";

/** The editable fields of an application: a required name and an optional URL. */
export const applicationFields: FieldSpec<Key>[] = [
  { name: "name", label: "Name", required: true },
  { name: "url", label: "URL", type: "url" },
];

/** An application's stored values as form text. */
export const applicationValues = (app: { name: string; url: string | null }): Values<Key> => ({
  name: app.name,
  url: app.url ?? "",
});

/** Trimmed form text as a (partial) API body: an empty URL is sent as null, which clears it. */
export function applicationInput(v: Partial<Values<Key>>): Partial<ApplicationInput> {
  const { url, ...rest } = v;
  return url === undefined ? rest : { ...rest, url: url || null };
}
