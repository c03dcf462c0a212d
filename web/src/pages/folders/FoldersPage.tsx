import { Anchor, Button, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useDeleteFolder, useFolders } from "../../api/folders";
import type { Folder } from "../../api/types";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ListFooter, ListToolbar, useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";
import { RowActions } from "../../components/RowActions";
import { FolderFormModal } from "./FolderFormModal";

export function FoldersPage() {
  const list = useListState();
  const { data, error, isPending } = useFolders(list.params);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Folder | null>(null);
  const remove = useDeleteFolder();
  const notify = useNotify();
  const navigate = useNavigate();

  const onDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => notify.success(`Folder "${deleting.name}" deleted`),
      onError: (err) => notify.error(err, "Could not delete the folder"),
      onSettled: () => setDeleting(null),
    });
  };

  return (
    <>
      <Title order={2} mb="md">
        Folders
      </Title>
      <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search folders">
        <Button onClick={() => setCreating(true)}>New folder</Button>
      </ListToolbar>
      <QueryError error={error} />
      <Table striped highlightOnHover aria-label="Folders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>Applications</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((folder) => (
            <Table.Tr key={folder.id}>
              <Table.Td>
                <Anchor component={Link} to={`/folders/${folder.id}`}>
                  {folder.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1}>
                  {folder.description ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>{folder.memberCount ?? ""}</Table.Td>
              <Table.Td>{folder.applicationCount ?? ""}</Table.Td>
              <Table.Td>
                <RowActions
                  name={folder.name}
                  actions={[
                    { label: "Edit", onClick: () => navigate(`/folders/${folder.id}`) },
                    { label: "Delete", color: "red", onClick: () => setDeleting(folder) },
                  ]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {data && data.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center" py="md">
                  {list.params.search ? "No folder matches this search." : "No folders yet."}
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
      <FolderFormModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete folder"
        confirmLabel="Delete"
        loading={remove.isPending}
        onConfirm={onDelete}
        onClose={() => setDeleting(null)}
      >
        Delete the folder "{deleting?.name}"? Its members lose the access it gave them.
      </ConfirmModal>
    </>
  );
}
