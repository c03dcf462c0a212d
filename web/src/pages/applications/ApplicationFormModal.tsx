import { applications } from "../../api/applications";
import type { Application } from "../../api/types";
import { CreateFormModal } from "../../components/form/CreateFormModal";
import { applicationFields } from "./applicationFields";

const fields = applicationFields.map((f) =>
  f.name === "url" ? { ...f, placeholder: "https://app.example.com" } : f,
);

/** "New application": name and URL; the server validates both and its message is shown inline. */
export function ApplicationFormModal(props: {
  opened: boolean;
  onClose(): void;
  onCreated?(app: Application): void;
}) {
  return (
    <CreateFormModal
      {...props}
      title="New application"
      errorTitle="Could not create the application"
      fields={fields}
      resource={applications}
      toInput={(v) => ({ name: v.name, url: v.url || null })}
      created={(app) => `Application "${app.name}" created`}
    />
  );
}
