import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { applications } from "../../api/applications";
import { DimmedCell, LinkCell } from "../../components/cells";
import { ListPage } from "../../components/ListPage";
import { ApplicationFormModal } from "./ApplicationFormModal";

/** `/applications`: the searchable list, with New application and a row menu to edit or delete. */
export function ApplicationsPage() {
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <ListPage
      resource={applications}
      title="Applications"
      searchPlaceholder="Search applications"
      create={{ label: "New application", onClick: () => setCreating(true) }}
      columns={[
        { header: "Name", cell: (app) => <LinkCell to={`/applications/${app.id}`}>{app.name}</LinkCell> },
        { header: "URL", cell: (app) => <DimmedCell>{app.url ?? ""}</DimmedCell> },
      ]}
      emptyText={{ searching: "No application matches this search.", none: "No applications yet." }}
      rowName={(app) => app.name}
      rowActions={(app, askDelete) => [
        { label: "Edit", onClick: () => navigate(`/applications/${app.id}`) },
        { label: "Delete", color: "red", onClick: () => askDelete(app) },
      ]}
      remove={{
        title: "Delete application",
        message: (app) =>
          `Delete the application "${app?.name ?? ""}"? Users and folders lose their access to it.`,
        deleted: (app) => `Application "${app.name}" deleted`,
        errorTitle: "Could not delete the application",
      }}
    >
      <ApplicationFormModal opened={creating} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
