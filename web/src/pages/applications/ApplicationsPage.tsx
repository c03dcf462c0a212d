import { Anchor, Button, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useApplications, useDeleteApplication } from "../../api/applications";
import type { Application } from "../../api/types";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ListFooter, ListToolbar, useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";
import { RowActions } from "../../components/RowActions";
import { ApplicationFormModal } from "./ApplicationFormModal";

export function ApplicationsPage() {
  const list = useListState();
  const { data, error, isPending } = useApplications(list.params);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Application | null>(null);
  const remove = useDeleteApplication();
  const notify = useNotify();
  const navigate = useNavigate();

  const onDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => notify.success(`Application "${deleting.name}" deleted`),
      onError: (err) => notify.error(err, "Could not delete the application"),
      onSettled: () => setDeleting(null),
    });
  };

  return (
    <>
      <Title order={2} mb="md">
        Applications
      </Title>
      <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search applications">
        <Button onClick={() => setCreating(true)}>New application</Button>
      </ListToolbar>
      <QueryError error={error} />
      <Table striped highlightOnHover aria-label="Applications">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>URL</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((app) => (
            <Table.Tr key={app.id}>
              <Table.Td>
                <Anchor component={Link} to={`/applications/${app.id}`}>
                  {app.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {app.url ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={app.name}
                  actions={[
                    { label: "Edit", onClick: () => navigate(`/applications/${app.id}`) },
                    { label: "Delete", color: "red", onClick: () => setDeleting(app) },
                  ]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {data && data.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="dimmed" ta="center" py="md">
                  {list.params.search ? "No application matches this search." : "No applications yet."}
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
      <ApplicationFormModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete application"
        confirmLabel="Delete"
        loading={remove.isPending}
        onConfirm={onDelete}
        onClose={() => setDeleting(null)}
      >
        Delete the application "{deleting?.name}"? Users and folders lose their access to it.
      </ConfirmModal>
    </>
  );
}
