/**
 * The Groups sub-tab: the groups of the target application as last read (server-paginated,
 * searchable, filterable by whether a SmartLink folder is associated), a Refresh that reads them
 * again with a progress bar, and each row's menu — Create a folder, Associate a folder, Delete.
 */
import { Button, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { type GroupFilter, useGroups } from "../../../api/groups";
import type { Application } from "../../../api/types";
import { JobProgress } from "../../../components/JobProgress";
import { ListToolbar, useListState } from "../../../components/ListControls";
import { PagedTable } from "../../../components/PagedTable";
import { AssociateFolderModal } from "./groups/AssociateFolderModal";
import { DeleteGroupModal } from "./groups/DeleteGroupModal";
import { groupColumns } from "./groups/groupColumns";
import { useGroupActions } from "./groups/useGroupActions";
import { useSnapshotRefresh } from "./useSnapshotRefresh";

const FILTERS: { value: GroupFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "linked", label: "With a folder" },
  { value: "unlinked", label: "Without a folder" },
];

export function GroupsPanel({ app }: { app: Application }) {
  const list = useListState();
  const [filter, setFilter] = useState<GroupFilter>("all");
  const groups = useGroups(app.id, { ...list.params, filter });
  const refresh = useSnapshotRefresh(app, "groups");
  const actions = useGroupActions(app);
  const readAt = groups.data?.readAt ?? null;

  const narrowed = list.params.search !== "" || filter !== "all";
  const emptyText = narrowed
    ? "No group matches this search or filter."
    : readAt
      ? `${app.name} has no groups.`
      : `No groups read from ${app.name} yet: click Refresh to read them.`;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Text size="sm" c="dimmed">
          The groups of {app.name}. The SmartLink Folder column shows the folder associated with each group.
        </Text>
        {readAt && (
          <Text size="xs" c="dimmed">
            Last read from {app.name}: {new Date(readAt).toLocaleString()}
          </Text>
        )}
      </Group>
      <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search groups">
        <SegmentedControl
          aria-label="Show groups"
          size="xs"
          data={FILTERS}
          value={filter}
          onChange={(v) => {
            setFilter(v as GroupFilter);
            list.setPage(1);
          }}
        />
        <Button variant="default" onClick={refresh.refresh} loading={refresh.running}>
          Refresh
        </Button>
      </ListToolbar>
      <JobProgress
        jobId={refresh.jobId}
        label={`Reading the groups of ${app.name}`}
        onDone={refresh.onDone}
      />
      <PagedTable
        label={`Groups in ${app.name}`}
        query={groups}
        list={list}
        columns={groupColumns(app)}
        rowKey={(g) => g.id}
        rowName={(g) => g.displayName}
        rowActions={actions.rowActions}
        emptyText={emptyText}
        showLoading
        tableProps={{ highlightOnHover: true }}
      />
      {actions.associating && (
        <AssociateFolderModal app={app} group={actions.associating} onClose={actions.closeAssociate} />
      )}
      {actions.deleting && (
        <DeleteGroupModal app={app} group={actions.deleting} onClose={actions.closeDelete} />
      )}
    </Stack>
  );
}
