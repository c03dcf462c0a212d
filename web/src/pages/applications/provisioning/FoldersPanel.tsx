/**
 * The Folders sub-tab: the SmartLink folders that contain the application, whether a SCIM group
 * exists for each in the target ("Present in {app}"), and in each row's menu "Create a group" and,
 * for a folder with an associated group, "Sync members" (push the folder's membership to it).
 * Paged by page number on the server: an application sits in a handful of folders, not 100,000.
 */
import { Stack, Text } from "@mantine/core";
import {
  type CreateGroupResult,
  type ProvisioningFolderRow,
  type SyncMembersResult,
  useCreateGroup,
  useProvisioningFolders,
  useSyncMembers,
} from "../../../api/provisioningFolders";
import type { Application } from "../../../api/types";
import { LinkCell } from "../../../components/cells";
import { ListToolbar, useListState } from "../../../components/ListControls";
import { useNotify } from "../../../components/notifications";
import { PagedTable } from "../../../components/PagedTable";
import type { RowAction } from "../../../components/RowActions";
import { PresenceCell } from "./access/PresenceCell";

const members = (n: number) => `${n} ${n === 1 ? "member" : "members"}`;

/** Why "Create a group" is not offered for a row, or null when it is. */
function cannotCreate(row: ProvisioningFolderRow, app: Application): string | null {
  switch (row.presence) {
    case "linked":
      return `already present in ${app.name}`;
    case "matched":
      return `a group of that name exists in ${app.name}: associate it from Groups`;
    case "vanished":
      return `the associated group is gone from ${app.name}: refresh Groups`;
    case "absent":
      return null;
  }
}

/** What the "Present in {app}" cell says under its Yes/No badge. */
function presenceDetail(row: ProvisioningFolderRow, app: Application): string | undefined {
  const count = row.groupMemberCount === null ? "" : ` · ${members(row.groupMemberCount)}`;
  switch (row.presence) {
    case "linked":
      return `Group “${row.groupName ?? row.folder.name}” associated${count}`;
    case "matched":
      return `A group named “${row.groupName ?? row.folder.name}” exists, not associated yet`;
    case "vanished":
      return `The associated group was not found in ${app.name} at the last refresh`;
    case "absent":
      return undefined;
  }
}

function createdMessage(r: CreateGroupResult, folder: string, app: Application): string {
  return r.outcome === "created"
    ? `Created the group “${folder}” in ${app.name} with ${members(r.members)}`
    : `${app.name} already had a group named “${folder}”: it is now associated, with the folder's ${members(r.members)}`;
}

function syncedMessage(r: SyncMembersResult, folder: string, app: Application): string {
  if (r.added === 0 && r.removed === 0)
    return `The group “${folder}” in ${app.name} was already up to date (${members(r.members)})`;
  return `Synced the group “${folder}” in ${app.name}: ${r.added} added, ${r.removed} removed, ${members(r.members)} now`;
}

export function FoldersPanel({ app }: { app: Application }) {
  const list = useListState();
  const query = useProvisioningFolders(app.id, list.params);
  const createGroup = useCreateGroup(app.id);
  const sync = useSyncMembers(app.id);
  const notify = useNotify();
  const busyFolder = createGroup.isPending
    ? { id: createGroup.variables, text: "Creating the group…" }
    : sync.isPending
      ? { id: sync.variables, text: "Syncing members…" }
      : undefined;

  const onCreate = ({ folder }: ProvisioningFolderRow) =>
    createGroup.mutate(folder.id, {
      onSuccess: (r) => notify.success(createdMessage(r, folder.name, app)),
      onError: (err) => notify.error(err, `Could not create the group “${folder.name}” in ${app.name}`),
    });
  const onSync = ({ folder }: ProvisioningFolderRow) =>
    sync.mutate(folder.id, {
      onSuccess: (r) => notify.success(syncedMessage(r, folder.name, app)),
      onError: (err) => notify.error(err, `Could not sync the members of “${folder.name}” in ${app.name}`),
    });

  const actions = (row: ProvisioningFolderRow): RowAction[] => {
    const reason = cannotCreate(row, app);
    const busy = busyFolder !== undefined;
    // A disabled item shows its reason under it, so a keyboard or screen-reader user hears why.
    const all: RowAction[] = [
      {
        label: "Create a group",
        hint: reason ?? undefined,
        disabled: reason !== null || busy,
        onClick: () => onCreate(row),
      },
    ];
    if (row.presence === "linked")
      all.push({ label: "Sync members", disabled: busy, onClick: () => onSync(row) });
    return all;
  };

  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed" mb="sm">
        SmartLink folders that contain {app.name}, and whether each has a group there.
      </Text>
      <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search folders by name" />
      <PagedTable<ProvisioningFolderRow>
        label={`Folders containing ${app.name}`}
        query={query}
        list={list}
        showLoading
        columns={[
          {
            header: "Folder",
            cell: (row) => <LinkCell to={`/folders/${row.folder.id}`}>{row.folder.name}</LinkCell>,
          },
          {
            header: `Present in ${app.name}`,
            cell: (row) => (
              <PresenceCell
                presence={row.presence}
                detail={presenceDetail(row, app)}
                busy={busyFolder?.id === row.folder.id && busyFolder.text}
              />
            ),
          },
        ]}
        rowKey={(row) => row.folder.id}
        rowName={(row) => row.folder.name}
        rowActions={actions}
        emptyText={
          list.params.search
            ? `No folder containing ${app.name} matches “${list.params.search}”.`
            : `No folder contains ${app.name}: add the application to a folder first.`
        }
        tableProps={{ striped: true, highlightOnHover: true }}
      />
    </Stack>
  );
}
