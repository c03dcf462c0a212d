/**
 * The Associate a folder dialog: a server-searched picker over `/api/folders`, then
 * `POST …/groups/:groupId/associate`. A refusal (the folder already has a group in this
 * application, the group was deleted in the target…) stays in the dialog, in the server's words.
 */
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { folders } from "../../../../api/folders";
import { type GroupRow, useAssociateFolder } from "../../../../api/groups";
import type { Application, Folder } from "../../../../api/types";
import { EntityPicker, type PickerOption } from "../../../../components/EntityPicker";
import { useNotify } from "../../../../components/notifications";
import { QueryError } from "../../../../components/QueryError";

interface Props {
  app: Application;
  group: GroupRow;
  onClose(): void;
}

export function AssociateFolderModal({ app, group, onClose }: Props) {
  const associate = useAssociateFolder(app.id);
  const notify = useNotify();
  const [picked, setPicked] = useState<PickerOption | null>(null);

  const submit = () => {
    if (!picked) return;
    associate.mutate(
      { groupId: group.id, folderId: picked.value },
      {
        onSuccess: (r) => {
          const added = r.applicationAdded ? `, and ${app.name} was added to the folder` : "";
          notify.success(
            `The folder "${r.folder.name}" is now associated with "${group.displayName}"${added}.`,
          );
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Associate a folder with "${group.displayName}"`} centered>
      <Stack>
        <Text size="sm">
          The folder becomes the SmartLink folder of this {app.name} group. If it does not contain {app.name}{" "}
          yet, it will.
        </Text>
        <EntityPicker<Folder>
          label="Folder"
          placeholder="Type to search folders"
          queryKey="folders"
          fetchPage={folders.list}
          toOption={(f) => ({ value: f.id, label: f.name })}
          value={picked}
          onChange={setPicked}
        />
        <QueryError error={associate.error} title="Could not associate the folder" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!picked} loading={associate.isPending}>
            Associate
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
