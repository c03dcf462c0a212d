/**
 * The Delete confirmation of a group: it names the group and the application and says that the
 * group is deleted in the target application (and unlinked from its SmartLink folder, which stays).
 */
import { type GroupRow, useDeleteGroup } from "../../../../api/groups";
import type { Application } from "../../../../api/types";
import { ConfirmModal } from "../../../../components/ConfirmModal";
import { useNotify } from "../../../../components/notifications";

interface Props {
  app: Application;
  group: GroupRow;
  onClose(): void;
}

export function DeleteGroupModal({ app, group, onClose }: Props) {
  const remove = useDeleteGroup(app.id);
  const notify = useNotify();
  const folder = group.linkedFolder;

  const confirm = () =>
    remove.mutate(group.id, {
      onSuccess: (r) => {
        const unlinked =
          r.unlinkedFolderId && folder ? `; the folder "${folder.name}" is no longer linked` : "";
        notify.success(`Deleted "${group.displayName}" from ${app.name}${unlinked}.`);
        onClose();
      },
      onError: (err) => {
        notify.error(err, `Could not delete "${group.displayName}" from ${app.name}`);
        onClose();
      },
    });

  return (
    <ConfirmModal
      opened
      title={`Delete ${group.displayName} from ${app.name}?`}
      confirmLabel="Delete"
      loading={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    >
      This deletes the group "{group.displayName}" in {app.name} itself, not only in SmartLink.
      {folder
        ? ` The SmartLink folder "${folder.name}" stays, with its members, but is no longer linked to a group in ${app.name}.`
        : ""}{" "}
      This cannot be undone.
    </ConfirmModal>
  );
}
