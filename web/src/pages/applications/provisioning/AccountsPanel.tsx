/**
 * The Accounts sub-tab: the snapshot of the target application's accounts (server-paginated,
 * searchable, filterable by link), an icon per row saying which SmartLink user is associated,
 * Refresh with a progress bar, suggested matches, and the row menu (Create a membership, Associate
 * a membership, Delete) whose dialogs live in ./accounts/.
 */
import { Button, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { type AccountFilter, useAccounts } from "../../../api/accounts";
import type { Application } from "../../../api/types";
import { JobProgress } from "../../../components/JobProgress";
import { ListToolbar, useListState } from "../../../components/ListControls";
import { PagedTable } from "../../../components/PagedTable";
import { AssociateModal } from "./accounts/AssociateModal";
import { type AccountDialog, accountActions, accountColumns } from "./accounts/accountColumns";
import { CreateMembershipModal } from "./accounts/CreateMembershipModal";
import { DeleteAccountModal } from "./accounts/DeleteAccountModal";
import { SuggestionsSection } from "./accounts/SuggestionsSection";
import { useSnapshotRefresh } from "./useSnapshotRefresh";

const FILTERS: { value: AccountFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "linked", label: "Associated" },
  { value: "unlinked", label: "Not associated" },
  { value: "vanished", label: "Gone" },
];

export function AccountsPanel({ app }: { app: Application }) {
  const list = useListState();
  const [filter, setFilter] = useState<AccountFilter>("all");
  const accounts = useAccounts(app.id, { ...list.params, filter });
  const refresh = useSnapshotRefresh(app, "accounts");
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const close = () => setDialog(null);
  const read = accounts.data?.readAt ?? null;
  const narrowed = list.params.search !== "" || filter !== "all";
  const emptyText = narrowed
    ? "No accounts match."
    : read
      ? `${app.name} has no accounts.`
      : `No accounts have been read from ${app.name} yet. Click Refresh to read them.`;

  return (
    <Stack>
      <JobProgress
        jobId={refresh.jobId}
        label={`Reading the accounts of ${app.name}`}
        onDone={refresh.onDone}
      />
      <SuggestionsSection app={app} />
      <div>
        <ListToolbar search={list.search} onSearch={list.setSearch} placeholder="Search accounts">
          <SegmentedControl
            aria-label="Show accounts"
            size="xs"
            data={FILTERS}
            value={filter}
            onChange={(v) => {
              setFilter(v as AccountFilter);
              list.setPage(1);
            }}
          />
          <Button onClick={refresh.refresh} loading={refresh.running}>
            Refresh
          </Button>
        </ListToolbar>
        {read && (
          <Text size="sm" c="dimmed" mb="xs">
            Last read from {app.name}: {new Date(read).toLocaleString()}
          </Text>
        )}
        <PagedTable
          label={`Accounts in ${app.name}`}
          query={accounts}
          list={list}
          showLoading
          columns={accountColumns(app)}
          rowKey={(a) => a.id}
          rowName={(a) => a.userName}
          rowActions={(a) => accountActions(a, app, setDialog)}
          emptyText={emptyText}
          tableProps={{ striped: true, highlightOnHover: true }}
        />
      </div>
      {dialog?.kind === "create" && (
        <CreateMembershipModal app={app} account={dialog.account} onClose={close} />
      )}
      {dialog?.kind === "associate" && <AssociateModal app={app} account={dialog.account} onClose={close} />}
      {dialog?.kind === "delete" && <DeleteAccountModal app={app} account={dialog.account} onClose={close} />}
    </Stack>
  );
}
