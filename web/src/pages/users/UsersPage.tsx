import { Badge, Button, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { User } from "../../api/types";
import { useDeleteUser, useSetUserActive, useUsers } from "../../api/users";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ListFooter, ListToolbar, useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";
import { RowActions } from "../../components/RowActions";
import { UserFormModal } from "./UserFormModal";

export function UsersPage() {
  const [params] = useSearchParams();
  const list = useListState(undefined, params.get("search") ?? "");
  const { data, error, isPending } = useUsers(list.params);
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const remove = useDeleteUser();
  const setActive = useSetUserActive();
  const notify = useNotify();

  const toggleActive = (user: User) =>
    setActive.mutate(
      { id: user.id, active: !user.active },
      {
        onSuccess: () => notify.success(`${user.email} ${user.active ? "deactivated" : "reactivated"}`),
        onError: (err) => notify.error(err, "Could not change the user's status"),
      },
    );
  const onDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => notify.success(`User ${deleting.email} deleted`),
      onError: (err) => notify.error(err, "Could not delete the user"),
      onSettled: () => setDeleting(null),
    });
  };

  return (
    <>
      <Title order={2} mb="md">
        Users
      </Title>
      <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search users">
        <Button onClick={() => setEditing("new")}>New user</Button>
      </ListToolbar>
      <QueryError error={error} />
      <Table striped highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Department</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.displayName || `${user.firstName} ${user.lastName}`}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                {typeof user.attributes?.department === "string" ? user.attributes.department : ""}
              </Table.Td>
              <Table.Td>
                <Badge color={user.active ? "green" : "gray"} variant="light">
                  {user.active ? "Active" : "Deactivated"}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={user.displayName || user.email}
                  actions={[
                    { label: "Edit", onClick: () => setEditing(user) },
                    { label: user.active ? "Deactivate" : "Reactivate", onClick: () => toggleActive(user) },
                    { label: "Delete", color: "red", onClick: () => setDeleting(user) },
                  ]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {data && data.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center" py="md">
                  {list.params.search ? "No user matches this search." : "No users yet."}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {isPending && <Text c="dimmed">Loading…</Text>}
      {data && (
        <ListFooter
          total={data.total}
          page={list.page}
          pageSize={list.params.pageSize}
          onPage={list.setPage}
        />
      )}
      <UserFormModal
        opened={editing !== null}
        user={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete user"
        confirmLabel="Delete"
        loading={remove.isPending}
        onConfirm={onDelete}
        onClose={() => setDeleting(null)}
      >
        Delete {deleting?.email}? They lose every access; this cannot be undone.
      </ConfirmModal>
    </>
  );
}
