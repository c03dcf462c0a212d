import { Badge } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { User } from "../../api/types";
import { users, useSetUserActive } from "../../api/users";
import { ListPage } from "../../components/ListPage";
import { useNotify } from "../../components/notifications";
import { UserFormModal } from "./UserFormModal";

const department = (user: User) =>
  typeof user.attributes?.department === "string" ? user.attributes.department : "";

/** `/users` (`?search=` pre-fills the search): New user, and a row menu to edit, (de)activate or delete. */
export function UsersPage() {
  const [params] = useSearchParams();
  const setActive = useSetUserActive();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const notify = useNotify();

  const toggleActive = (user: User) =>
    setActive.mutate(
      { id: user.id, active: !user.active },
      {
        onSuccess: () => notify.success(`${user.email} ${user.active ? "deactivated" : "reactivated"}`),
        onError: (err) => notify.error(err, "Could not change the user's status"),
      },
    );

  return (
    <ListPage
      resource={users}
      initialSearch={params.get("search") ?? ""}
      title="Users"
      searchPlaceholder="Search users"
      create={{ label: "New user", onClick: () => setEditing("new") }}
      columns={[
        { header: "Name", cell: (u) => u.displayName || `${u.firstName} ${u.lastName}` },
        { header: "Email", cell: (u) => u.email },
        { header: "Department", cell: department },
        {
          header: "Status",
          cell: (u) => (
            <Badge color={u.active ? "green" : "gray"} variant="light">
              {u.active ? "Active" : "Deactivated"}
            </Badge>
          ),
        },
      ]}
      emptyText={{ searching: "No user matches this search.", none: "No users yet." }}
      rowName={(u) => u.displayName || u.email}
      rowActions={(u, askDelete) => [
        { label: "Edit", onClick: () => setEditing(u) },
        { label: u.active ? "Deactivate" : "Reactivate", onClick: () => toggleActive(u) },
        { label: "Delete", color: "red", onClick: () => askDelete(u) },
      ]}
      remove={{
        title: "Delete user",
        message: (u) => `Delete ${u?.email ?? ""}? They lose every access; this cannot be undone.`,
        deleted: (u) => `User ${u.email} deleted`,
        errorTitle: "Could not delete the user",
      }}
    >
      <UserFormModal
        opened={editing !== null}
        user={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
    </ListPage>
  );
}
