import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { folders } from "../../api/folders";
import { DimmedCell, LinkCell } from "../../components/cells";
import { ListPage } from "../../components/ListPage";
import { FolderFormModal } from "./FolderFormModal";

/** `/folders`: the searchable list with member and application counts, New folder, edit and delete. */
export function FoldersPage() {
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <ListPage
      resource={folders}
      title="Folders"
      searchPlaceholder="Search folders"
      create={{ label: "New folder", onClick: () => setCreating(true) }}
      columns={[
        { header: "Name", cell: (f) => <LinkCell to={`/folders/${f.id}`}>{f.name}</LinkCell> },
        { header: "Description", cell: (f) => <DimmedCell lineClamp={1}>{f.description ?? ""}</DimmedCell> },
        { header: "Members", cell: (f) => f.memberCount ?? "" },
        { header: "Applications", cell: (f) => f.applicationCount ?? "" },
      ]}
      emptyText={{ searching: "No folder matches this search.", none: "No folders yet." }}
      rowName={(f) => f.name}
      rowActions={(f, askDelete) => [
        { label: "Edit", onClick: () => navigate(`/folders/${f.id}`) },
        { label: "Delete", color: "red", onClick: () => askDelete(f) },
      ]}
      remove={{
        title: "Delete folder",
        message: (f) => `Delete the folder "${f?.name ?? ""}"? Its members lose the access it gave them.`,
        deleted: (f) => `Folder "${f.name}" deleted`,
        errorTitle: "Could not delete the folder",
      }}
    >
      <FolderFormModal opened={creating} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
