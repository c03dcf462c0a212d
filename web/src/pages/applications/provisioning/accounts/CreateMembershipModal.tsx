/**
 * "Create a membership": shows what SmartLink will create from the account (a user with its
 * userName, name and email, given access to the application and associated with the account)
 * and creates it on confirmation. A refusal (no email, the email already taken, the account gone
 * from the target) stays in the dialog in the server's words.
 */
import { Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { type Account, accountEmail, useCreateMembership } from "../../../../api/accounts";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";
import { QueryError } from "../../../../components/QueryError";

interface Props {
  app: Application;
  account: Account;
  onClose(): void;
}

export function CreateMembershipModal({ app, account, onClose }: Props) {
  const create = useCreateMembership(app.id);
  const notify = useNotify();
  const submit = () =>
    create.mutate(account.id, {
      onSuccess: ({ user }) => {
        const who = user.displayName ? `${user.displayName} (${user.email})` : user.email;
        notify.success(`Created the SmartLink user ${who}, associated with ${account.userName}`);
        onClose();
      },
    });
  const rows: [string, string][] = [
    ["userName", account.userName],
    ["Name", account.displayName ?? "—"],
    ["Email", accountEmail(account) ?? "— (none: the server may refuse)"],
    ["Active", account.active ? "Yes" : "No"],
  ];
  return (
    <Modal opened onClose={onClose} title={`Create a membership from ${account.userName}`} centered>
      <Stack>
        <Text size="sm">
          SmartLink will create a user from this account of {app.name} (through the attribute mapping), give
          it access to {app.name} and associate it with the account. No second account is created.
        </Text>
        <Table aria-label="What will be created" withTableBorder variant="vertical">
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w={120}>{k}</Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <QueryError error={create.error} title="Could not create the membership" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={create.isPending}>
            Create the user
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
