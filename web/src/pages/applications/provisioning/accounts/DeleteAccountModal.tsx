/**
 * "Delete": confirms, naming the account and the application, then deletes the account in the
 * target application itself. A target whose DELETE only deactivates is reported as such.
 */
import { type Account, useDeleteAccount } from "../../../../api/accounts";
import type { Application } from "../../../../api/types";
import { ConfirmModal } from "../../../../components/ConfirmModal";
import { useNotify } from "../../../../components/notifications";

interface Props {
  app: Application;
  account: Account;
  onClose(): void;
}

export function DeleteAccountModal({ app, account, onClose }: Props) {
  const remove = useDeleteAccount(app.id);
  const notify = useNotify();
  const linked = account.linkedUser;
  const confirm = () =>
    remove.mutate(account.id, {
      onSuccess: (r) => {
        notify.success(
          r.deactivatedOnly
            ? `${app.name} only deactivates on delete: ${account.userName} is now inactive there`
            : `Deleted ${account.userName} from ${app.name}`,
        );
        onClose();
      },
      onError: (err) => notify.error(err, `Could not delete ${account.userName}`),
    });
  return (
    <ConfirmModal
      opened
      title={`Delete ${account.userName} from ${app.name}?`}
      confirmLabel="Delete"
      loading={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    >
      This deletes the account {account.userName} in {app.name} itself, not only in SmartLink.
      {linked
        ? ` ${linked.displayName ?? linked.email} stays a SmartLink user but is no longer associated with an account there.`
        : ""}
    </ConfirmModal>
  );
}
