/**
 * The Activity log's table: one SCIM exchange per row (time, actor, operation, method and path,
 * HTTP status, duration, result); the first cell's button expands the row to its detail.
 */
import { ActionIcon, Badge, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import type { ActivityEntry } from "../../../../api/activity";
import { ActivityDetail } from "./ActivityDetail";

const COLUMNS = ["Time", "Actor", "Operation", "Request", "HTTP status", "Duration", "Result"];
const ACTOR_COLORS = { admin: "blue", event: "grape", system: "gray" } as const;

const time = (iso: string) => new Date(iso).toLocaleString();

export function ActivityTable({ rows, label }: { rows: ActivityEntry[] | undefined; label: string }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Table aria-label={label} highlightOnHover verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          {COLUMNS.map((c) => (
            <Table.Th key={c}>{c}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows?.map((e) => {
          const expanded = open === e.id;
          const detailId = `activity-detail-${e.id}`;
          return (
            <Fragment key={e.id}>
              <Table.Tr>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    mr={6}
                    aria-expanded={expanded}
                    aria-controls={expanded ? detailId : undefined}
                    aria-label={`Details of ${e.method} ${e.path} at ${time(e.at)}`}
                    onClick={() => setOpen(expanded ? null : e.id)}
                  >
                    <span aria-hidden>{expanded ? "▾" : "▸"}</span>
                  </ActionIcon>
                  {time(e.at)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ACTOR_COLORS[e.actor.type]} tt="none">
                    {e.actor.type}
                  </Badge>{" "}
                  <Text span size="sm" c="dimmed">
                    {e.actor.label ?? ""}
                  </Text>
                </Table.Td>
                <Table.Td>{e.operation}</Table.Td>
                <Table.Td>
                  <Text span ff="monospace" size="sm" style={{ wordBreak: "break-all" }}>
                    {e.method} {e.path}
                  </Text>
                </Table.Td>
                <Table.Td>{e.status === 0 ? "No response" : e.status}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{e.durationMs.toLocaleString()} ms</Table.Td>
                <Table.Td style={{ minWidth: 88 }}>
                  <Badge color={e.ok ? "green" : "red"}>{e.ok ? "OK" : "Failed"}</Badge>
                </Table.Td>
              </Table.Tr>
              {expanded && (
                <Table.Tr id={detailId}>
                  <Table.Td colSpan={COLUMNS.length}>
                    <ActivityDetail entry={e} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
        {rows && rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={COLUMNS.length}>
              <Text c="dimmed" ta="center" py="md">
                No SCIM operation matches these filters.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
