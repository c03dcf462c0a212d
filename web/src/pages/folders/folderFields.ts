import type { FieldSpec } from "../../components/form/fields";

/** The editable fields of a folder: a required name and a free-text description. */
export const folderFields: FieldSpec<"name" | "description">[] = [
  { name: "name", label: "Name", required: true },
  { name: "description", label: "Description", multiline: true },
];
