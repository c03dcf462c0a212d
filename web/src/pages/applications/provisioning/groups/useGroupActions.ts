/**
 * The Groups table's row menu ("Actions for {group}"): Create a folder runs at once, Associate a
 * folder and Delete open their dialogs. Create and Associate are turned off, with the reason in the
 * item's hint, for a group that already has a folder or that the target deleted. Failures are shown
 * in the server's words; the table reloads after them too (src/api/groups.ts), so a group found
 * gone is then marked as deleted.
 */
import { useState } from "react";
import { type CreatedFolder, type GroupRow, useCreateFolderFromGroup } from "../../../../api/groups";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";
import type { RowAction } from "../../../../components/RowActions";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Why a group cannot get a (new) folder, or null when it can. */
function whyNoFolder(app: Application, g: GroupRow): string | null {
  if (g.linkedFolder) return `already associated with "${g.linkedFolder.name}"`;
  if (g.vanishedAt) return `deleted in ${app.name}`;
  return null;
}

function createdMessage(r: CreatedFolder): string {
  const joined = `Created the folder "${r.folder.name}" with ${plural(r.members, "member", "members")}`;
  if (r.unmatched === 0) return `${joined}.`;
  const left = plural(r.unmatched, "member of the group has", "members of the group have");
  return `${joined}; ${left} no SmartLink user linked and stayed out.`;
}

export function useGroupActions(app: Application) {
  const notify = useNotify();
  const createFolder = useCreateFolderFromGroup(app.id);
  const [associating, setAssociating] = useState<GroupRow | null>(null);
  const [deleting, setDeleting] = useState<GroupRow | null>(null);

  const rowActions = (g: GroupRow): RowAction[] => {
    const reason = whyNoFolder(app, g);
    return [
      {
        label: "Create a folder",
        hint: reason ?? undefined,
        disabled: reason !== null || createFolder.isPending,
        onClick: () =>
          createFolder.mutate(g.id, {
            onSuccess: (r) => notify.success(createdMessage(r)),
            onError: (err) => notify.error(err, `Could not create a folder from "${g.displayName}"`),
          }),
      },
      {
        label: "Associate a folder",
        hint: reason ?? undefined,
        disabled: reason !== null,
        onClick: () => setAssociating(g),
      },
      { label: "Delete", color: "red", onClick: () => setDeleting(g) },
    ];
  };

  return {
    rowActions,
    associating,
    closeAssociate: () => setAssociating(null),
    deleting,
    closeDelete: () => setDeleting(null),
  };
}
