import { useFolderMembers, useSetFolderMember } from "../../api/folders";
import type { Folder } from "../../api/types";
import { listUsers } from "../../api/users";
import { AssignmentSection } from "../../components/AssignmentSection";
import { useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";
import { userOption } from "../users/userOption";

/** The folder's member users: `GET/PUT/DELETE /api/folders/:id/members[/:userId]`. */
export function FolderMembersSection({ folder }: { folder: Folder }) {
  const list = useListState();
  const { data, error } = useFolderMembers(folder.id, list.params);
  const setMember = useSetFolderMember();
  const notify = useNotify();

  return (
    <AssignmentSection
      title="Members"
      columns={["Name", "Email"]}
      emptyText="This folder has no members yet."
      rows={data?.items.map((u) => ({
        id: u.id,
        primary: u.displayName || u.email,
        secondary: u.email,
        href: `/users?search=${encodeURIComponent(u.email)}`,
      }))}
      total={data?.total ?? 0}
      page={list.page}
      pageSize={list.params.pageSize}
      onPage={list.setPage}
      error={error}
      picker={{ label: "Add a member", queryKey: "users", fetchPage: listUsers, toOption: userOption }}
      adding={setMember.isPending}
      onAdd={(option, done) =>
        setMember.mutate(
          { id: folder.id, userId: option.value, member: true },
          {
            onSuccess: () => {
              notify.success(`${option.label} added to ${folder.name}`);
              done();
            },
            onError: (err) => notify.error(err, "Could not add the member"),
          },
        )
      }
      removeLabel="Remove from folder"
      onRemove={(row) =>
        setMember.mutate(
          { id: folder.id, userId: row.id, member: false },
          {
            onSuccess: () => notify.success(`${row.primary} removed from ${folder.name}`),
            onError: (err) => notify.error(err, "Could not remove the member"),
          },
        )
      }
    />
  );
}
