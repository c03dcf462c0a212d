import { Anchor, Badge, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useApplicationAccess, useSetDirectAccess } from "../../api/applications";
import type { AccessRow, Application } from "../../api/types";
import { listUsers } from "../../api/users";
import { EntityPicker, type PickerOption } from "../../components/EntityPicker";
import { ListFooter, useListState } from "../../components/ListControls";
import { useNotify } from "../../components/notifications";
import { QueryError } from "../../components/QueryError";
import { RowActions } from "../../components/RowActions";
import { userOption } from "../users/userOption";

function ViaBadges({ row }: { row: AccessRow }) {
  return (
    <Group gap={6}>
      {row.via.map((v) =>
        v.type === "direct" ? (
          <Badge key="direct" variant="light" tt="none">
            Direct
          </Badge>
        ) : (
          <Badge
            key={v.folderId}
            variant="light"
            color="grape"
            component={Link}
            to={`/folders/${v.folderId}`}
          >
            via folder {v.name}
          </Badge>
        ),
      )}
    </Group>
  );
}

/** Users with effective access to the application, and direct assignment/removal. */
export function ApplicationAccessSection({ app }: { app: Application }) {
  const list = useListState();
  const { data, error } = useApplicationAccess(app.id, list.params);
  const setAccess = useSetDirectAccess();
  const notify = useNotify();
  const [picked, setPicked] = useState<PickerOption | null>(null);

  const grant = () => {
    if (!picked) return;
    setAccess.mutate(
      { id: app.id, userId: picked.value, granted: true },
      {
        onSuccess: () => {
          notify.success(`${picked.label} has direct access to ${app.name}`);
          setPicked(null);
        },
        onError: (err) => notify.error(err, "Could not assign the user"),
      },
    );
  };
  const revoke = (row: AccessRow) =>
    setAccess.mutate(
      { id: app.id, userId: row.user.id, granted: false },
      {
        onSuccess: () => notify.success(`Direct access of ${row.user.email} removed`),
        onError: (err) => notify.error(err, "Could not remove the access"),
      },
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="access-title">
      <Title order={4} id="access-title" mb="sm">
        Access
      </Title>
      <Group align="flex-end" mb="md">
        <EntityPicker
          label="Assign a user"
          placeholder="Search users"
          queryKey="users"
          fetchPage={listUsers}
          toOption={userOption}
          value={picked}
          onChange={setPicked}
        />
        <Button onClick={grant} disabled={!picked} loading={setAccess.isPending}>
          Assign
        </Button>
      </Group>
      <QueryError error={error} />
      <Table aria-label="Users with access">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Access</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((row) => (
            <Table.Tr key={row.user.id}>
              <Table.Td>
                <Anchor component={Link} to={`/users?search=${encodeURIComponent(row.user.email)}`}>
                  {row.user.displayName || row.user.email}
                </Anchor>
              </Table.Td>
              <Table.Td>{row.user.email}</Table.Td>
              <Table.Td>
                <ViaBadges row={row} />
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={row.user.displayName || row.user.email}
                  actions={[
                    {
                      label: "Remove direct access",
                      color: "red",
                      disabled: !row.via.some((v) => v.type === "direct"),
                      onClick: () => revoke(row),
                    },
                  ]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {data && data.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" ta="center" py="md">
                  No user has access to this application yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {data && (
        <ListFooter
          total={data.total}
          page={list.page}
          pageSize={list.params.pageSize}
          onPage={list.setPage}
        />
      )}
    </Paper>
  );
}
