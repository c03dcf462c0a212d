/**
 * "Associate a membership": pick an existing SmartLink user (searched on the server) and link it
 * to the account. The match suggestion, when there is one, is preselected. A user without access
 * to the application gets direct access, and the success message says so.
 */
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { type Account, useAssociateAccount } from "../../../../api/accounts";
import type { Application, User } from "../../../../api/types";
import { users } from "../../../../api/users";
import { EntityPicker, type PickerOption } from "../../../../components/EntityPicker";
import { useNotify } from "../../../../components/notifications";
import { QueryError } from "../../../../components/QueryError";

interface Props {
  app: Application;
  account: Account;
  onClose(): void;
}

const userOption = (u: User): PickerOption => ({
  value: u.id,
  label: u.displayName ? `${u.displayName} (${u.email})` : u.email,
});

export function AssociateModal({ app, account, onClose }: Props) {
  const associate = useAssociateAccount(app.id);
  const notify = useNotify();
  const suggested = account.suggestedUser;
  const [picked, setPicked] = useState<PickerOption | null>(
    suggested ? { value: suggested.id, label: suggested.email } : null,
  );
  const submit = () => {
    if (!picked) return;
    associate.mutate(
      { accountId: account.id, userId: picked.value },
      {
        onSuccess: ({ user, accessGranted }) => {
          const access = accessGranted ? `, and given access to ${app.name}` : "";
          notify.success(`${user.email} is now associated with ${account.userName}${access}`);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Associate a membership with ${account.userName}`} centered>
      <Stack>
        <Text size="sm">
          Choose the SmartLink user who owns this account of {app.name}. Someone without access to {app.name}{" "}
          is given direct access.
        </Text>
        <EntityPicker
          label="SmartLink user"
          placeholder="Search by name or email"
          queryKey="users"
          fetchPage={users.list}
          toOption={userOption}
          value={picked}
          onChange={setPicked}
        />
        <QueryError error={associate.error} title="Could not associate the membership" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={associate.isPending} disabled={!picked}>
            Associate
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
