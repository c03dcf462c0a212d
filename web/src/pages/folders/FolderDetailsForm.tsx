import { folders } from "../../api/folders";
import type { Folder } from "../../api/types";
import { DetailsForm } from "../../components/form/DetailsForm";
import { folderFields } from "./folderFields";

/** Name and description of a folder, saved with PATCH. */
export function FolderDetailsForm({ folder }: { folder: Folder }) {
  return (
    <DetailsForm
      id={folder.id}
      saved={{ name: folder.name, description: folder.description ?? "" }}
      fields={folderFields}
      resource={folders}
      toInput={(v) => v}
      errorTitle="Could not save the folder"
      savedMessage="Folder saved"
    />
  );
}
