import { listApplications } from "../../api/applications";
import { useFolderApplications, useSetFolderApplication } from "../../api/folders";
import type { Application, Folder } from "../../api/types";
import { AssignmentSection } from "../../components/AssignmentSection";
import { useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";

const appOption = (app: Application) => ({ value: app.id, label: app.name });

/** The folder's applications: `GET/PUT/DELETE /api/folders/:id/applications[/:appId]`. */
export function FolderApplicationsSection({ folder }: { folder: Folder }) {
  const list = useListState();
  const { data, error } = useFolderApplications(folder.id, list.params);
  const setApp = useSetFolderApplication();
  const notify = useNotify();

  return (
    <AssignmentSection
      title="Applications"
      columns={["Name", "URL"]}
      emptyText="This folder contains no applications yet."
      rows={data?.items.map((a) => ({
        id: a.id,
        primary: a.name,
        secondary: a.url ?? "",
        href: `/applications/${a.id}`,
      }))}
      total={data?.total ?? 0}
      page={list.page}
      pageSize={list.params.pageSize}
      onPage={list.setPage}
      error={error}
      picker={{
        label: "Add an application",
        queryKey: "applications",
        fetchPage: listApplications,
        toOption: appOption,
      }}
      adding={setApp.isPending}
      onAdd={(option, done) =>
        setApp.mutate(
          { id: folder.id, appId: option.value, member: true },
          {
            onSuccess: () => {
              notify.success(`${option.label} added to ${folder.name}`);
              done();
            },
            onError: (err) => notify.error(err, "Could not add the application"),
          },
        )
      }
      removeLabel="Remove from folder"
      onRemove={(row) =>
        setApp.mutate(
          { id: folder.id, appId: row.id, member: false },
          {
            onSuccess: () => notify.success(`${row.primary} removed from ${folder.name}`),
            onError: (err) => notify.error(err, "Could not remove the application"),
          },
        )
      }
    />
  );
}
