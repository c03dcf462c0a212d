import { applications } from "../../api/applications";
import type { Application } from "../../api/types";
import { DetailsForm } from "../../components/form/DetailsForm";
import { applicationFields, applicationInput, applicationValues } from "./applicationFields";

/** Name and URL of an application, saved with PATCH (only the fields that changed). */
export function ApplicationDetailsForm({ app }: { app: Application }) {
  return (
    <DetailsForm
      id={app.id}
      saved={applicationValues(app)}
      fields={applicationFields}
      resource={applications}
      changedOnly
      toInput={applicationInput}
      errorTitle="Could not save the application"
      savedMessage="Application saved"
    />
  );
}
