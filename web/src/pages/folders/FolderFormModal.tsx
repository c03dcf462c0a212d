import { folders } from "../../api/folders";
import { CreateFormModal } from "../../components/form/CreateFormModal";
import { folderFields } from "./folderFields";

/** "New folder": name and description. */
export function FolderFormModal(props: { opened: boolean; onClose(): void }) {
  return (
    <CreateFormModal
      {...props}
      title="New folder"
      errorTitle="Could not create the folder"
      fields={folderFields}
      resource={folders}
      toInput={(v) => v}
      created={(folder) => `Folder "${folder.name}" created`}
    />
  );
}
