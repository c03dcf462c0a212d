/**
 * The Accounts table's columns and row menu. The menu always lists the spec's three actions; one
 * that makes no sense for the row (associating an account that is already associated, acting on
 * an account gone from the target) stays in the menu, disabled, with the reason in its label.
 */
import { Badge, Group, Text } from "@mantine/core";
import { type Account, accountEmail, reasonText } from "../../../../api/accounts";
import type { Application } from "../../../../api/types";
import type { Column } from "../../../../components/DataTable";
import type { RowAction } from "../../../../components/RowActions";
import { LinkedUserIcon } from "./LinkedUserIcon";

/** Which dialog a row action opens. */
export type AccountDialog = { kind: "create" | "associate" | "delete"; account: Account };

export function accountColumns(app: Application): Column<Account>[] {
  return [
    {
      header: "userName",
      cell: (a) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {a.userName}
          </Text>
          {a.vanishedAt && (
            <Badge color="orange" variant="light" size="sm">
              Gone from {app.name}
            </Badge>
          )}
        </Group>
      ),
    },
    { header: "Name", cell: (a) => a.displayName ?? "—" },
    { header: "Email", cell: (a) => accountEmail(a) ?? "—" },
    {
      header: "Active",
      cell: (a) => (
        <Text size="sm" c={a.active ? "green.8" : "dimmed"}>
          {a.active ? "Active" : "Inactive"}
        </Text>
      ),
    },
    {
      header: "SmartLink user",
      cell: (a) => (
        <Group gap="xs" wrap="nowrap">
          <LinkedUserIcon user={a.linkedUser} />
          {!a.linkedUser && a.suggestedUser && (
            <Text size="xs" c="dimmed">
              Suggested: {a.suggestedUser.email} ({reasonText[a.suggestedUser.reason]})
            </Text>
          )}
        </Group>
      ),
    },
  ];
}

/** Why creating or associating a membership is refused for this row, or null when it is allowed. */
function linkBlocker(a: Account, app: Application): string | null {
  if (a.linkedUser) return `already associated with ${a.linkedUser.displayName ?? a.linkedUser.email}`;
  if (a.vanishedAt) return `no longer in ${app.name}`;
  return null;
}

export function accountActions(
  a: Account,
  app: Application,
  open: (dialog: AccountDialog) => void,
): RowAction[] {
  const blocked = linkBlocker(a, app);
  return [
    {
      label: "Create a membership",
      hint: blocked ?? undefined,
      disabled: blocked !== null,
      onClick: () => open({ kind: "create", account: a }),
    },
    {
      label: "Associate a membership",
      hint: blocked ?? undefined,
      disabled: blocked !== null,
      onClick: () => open({ kind: "associate", account: a }),
    },
    { label: "Delete", color: "red", onClick: () => open({ kind: "delete", account: a }) },
  ];
}
