/**
 * The Groups table's columns, with the spec's names: the group's display name (marked when the
 * target deleted it since the last refresh), its members count, and the **SmartLink Folder** linked
 * to it — a link to the folder's page, or "None".
 */
import { Badge, Group, Text } from "@mantine/core";
import type { GroupRow } from "../../../../api/groups";
import type { Application } from "../../../../api/types";
import { DimmedCell, LinkCell } from "../../../../components/cells";
import type { Column } from "../../../../components/DataTable";

export function groupColumns(app: Application): Column<GroupRow>[] {
  return [
    {
      header: "Group",
      cell: (g) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{g.displayName}</Text>
          {g.vanishedAt && (
            <Badge color="orange" variant="light" size="sm">
              Deleted in {app.name}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      header: "Members",
      cell: (g) =>
        g.memberCount === null ? (
          <DimmedCell>Not listed by {app.name}</DimmedCell>
        ) : (
          <Text size="sm">{g.memberCount.toLocaleString()}</Text>
        ),
    },
    {
      header: "SmartLink Folder",
      cell: (g) =>
        g.linkedFolder ? (
          <LinkCell to={`/folders/${g.linkedFolder.id}`}>{g.linkedFolder.name}</LinkCell>
        ) : (
          <DimmedCell>None</DimmedCell>
        ),
    },
  ];
}
