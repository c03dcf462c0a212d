/**
 * The Access sub-tab: the SmartLink users who have access to the application, how they have it
 * (directly and/or through folders), whether an account exists for them in the target ("Present in
 * {app}"), and "Create an account" in each row's menu. Searchable and paged on the server by keyset
 * cursor (see access/CursorPager.tsx) so it stays fast at 100,000 users.
 */
import { Stack, Text } from "@mantine/core";
import {
  type CreateAccountResult,
  type ProvisioningAccessRow,
  useAccessPage,
  useCreateAccount,
} from "../../../api/access";
import type { Application, User } from "../../../api/types";
import { AccessViaBadges } from "../../../components/AccessViaBadges";
import { DataTable } from "../../../components/DataTable";
import { ListToolbar, PAGE_SIZE, useListState } from "../../../components/ListControls";
import { useNotify } from "../../../components/notifications";
import { QueryError } from "../../../components/QueryError";
import type { RowAction } from "../../../components/RowActions";
import { CursorPager, useCursorPaging } from "./access/CursorPager";
import { PresenceCell } from "./access/PresenceCell";

const userName = (u: User) => u.displayName || `${u.firstName} ${u.lastName}`.trim() || u.email;

/** Why "Create an account" is not offered for a row, or null when it is. */
function cannotCreate(row: ProvisioningAccessRow, app: Application): string | null {
  switch (row.presence) {
    case "linked":
      return `already present in ${app.name}`;
    case "matched":
      return `an account in ${app.name} matches: associate it from Accounts`;
    case "vanished":
      return `the associated account is gone from ${app.name}: refresh Accounts`;
    case "absent":
      return null;
  }
}

/** What the "Present in {app}" cell says under its Yes/No badge. */
function presenceDetail(row: ProvisioningAccessRow, app: Application): string | undefined {
  const inactive = row.accountActive === false ? " (inactive)" : "";
  const account = row.accountUserName ? ` ${row.accountUserName}` : "";
  switch (row.presence) {
    case "linked":
      return `Account${account} associated${inactive}`;
    case "matched":
      return `The account${account} matches, not associated yet${inactive}`;
    case "vanished":
      return `The associated account was not found in ${app.name} at the last refresh`;
    case "absent":
      return undefined;
  }
}

/** The toast after "Create an account", naming the account and saying what the server did. */
function createdMessage(r: CreateAccountResult, app: Application): string {
  const who = `${userName(r.user)} (${r.user.email})`;
  switch (r.outcome) {
    case "created":
      return `Created the account of ${who} in ${app.name}`;
    case "linkedExisting":
      return `${app.name} already had an account for ${who}: it is now associated with them`;
    case "alreadyLinked":
      return `${who} already has an account in ${app.name}: nothing was changed`;
  }
}

export function AccessPanel({ app }: { app: Application }) {
  const list = useListState();
  const search = list.params.search;
  const paging = useCursorPaging(search);
  // The API also answers page numbers, but a deep page number is an OFFSET walk over every row
  // before it; the keyset cursor costs one page at any depth, so the console pages by cursor only
  // (Next/Previous) and shows the total and the page it is on.
  const query = useAccessPage(app.id, { search, pageSize: PAGE_SIZE, after: paging.after });
  const create = useCreateAccount(app.id);
  const notify = useNotify();
  const creatingFor = create.isPending ? create.variables : undefined;

  const onCreate = (row: ProvisioningAccessRow) =>
    create.mutate(row.user.id, {
      onSuccess: (r) => notify.success(createdMessage(r, app)),
      onError: (err) =>
        notify.error(err, `Could not create an account for ${userName(row.user)} in ${app.name}`),
    });

  const actions = (row: ProvisioningAccessRow): RowAction[] => {
    const reason = cannotCreate(row, app);
    // A disabled item shows its reason under it, so a keyboard or screen-reader user hears why.
    return [
      {
        label: "Create an account",
        hint: reason ?? undefined,
        disabled: reason !== null || creatingFor !== undefined,
        onClick: () => onCreate(row),
      },
    ];
  };

  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed" mb="sm">
        SmartLink users who have access to {app.name}, and whether each has an account there.
      </Text>
      <ListToolbar
        search={list.search}
        onSearch={list.setSearch}
        placeholder="Search users by name or email"
      />
      <QueryError error={query.error} />
      <DataTable<ProvisioningAccessRow>
        label={`Users with access to ${app.name}`}
        columns={[
          {
            header: "User",
            cell: (row) => (
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {userName(row.user)}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.user.email}
                </Text>
              </Stack>
            ),
          },
          { header: "Access", cell: (row) => <AccessViaBadges via={row.via} /> },
          {
            header: `Present in ${app.name}`,
            cell: (row) => (
              <PresenceCell
                presence={row.presence}
                detail={presenceDetail(row, app)}
                busy={creatingFor === row.user.id && "Creating the account…"}
              />
            ),
          },
        ]}
        rows={query.data?.items}
        rowKey={(row) => row.user.id}
        rowName={(row) => userName(row.user)}
        rowActions={actions}
        emptyText={search ? `No user with access matches “${search}”.` : `No user has access to ${app.name}.`}
        tableProps={{ striped: true, highlightOnHover: true }}
      />
      {query.isPending && <Text c="dimmed">Loading…</Text>}
      {query.data && (
        <CursorPager
          paging={paging}
          total={query.data.total}
          pageSize={PAGE_SIZE}
          nextCursor={query.data.nextCursor}
          noun={["user with access", "users with access"]}
          loading={query.isPlaceholderData}
        />
      )}
    </Stack>
  );
}
