/**
 * A titled panel listing what is assigned to something (a folder's members, a folder's
 * applications), with a searchable picker to add one and a row menu to remove one.
 */
import { Anchor, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import type { ListParams, Page } from "../api/types";
import { EntityPicker, type PickerOption } from "./EntityPicker";
import { ListFooter } from "./ListControls";
import { QueryError } from "./QueryError";
import { RowActions } from "./RowActions";

export interface AssignedRow {
  id: string;
  primary: string;
  secondary?: string;
  href?: string;
}

interface AssignmentSectionProps<T> {
  title: string;
  columns: [string, string];
  emptyText: string;
  rows: AssignedRow[] | undefined;
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  error: unknown;
  picker: {
    label: string;
    queryKey: string;
    fetchPage(params: ListParams): Promise<Page<T>>;
    toOption(item: T): PickerOption;
  };
  adding: boolean;
  onAdd(option: PickerOption, done: () => void): void;
  removeLabel: string;
  onRemove(row: AssignedRow): void;
}

export function AssignmentSection<T>(props: AssignmentSectionProps<T>) {
  const titleId = useId();
  const [picked, setPicked] = useState<PickerOption | null>(null);
  const assigned = new Set(props.rows?.map((r) => r.id));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={4} id={titleId} mb="sm">
        {props.title}
      </Title>
      <Group align="flex-end" mb="md" wrap="nowrap">
        <EntityPicker
          label={props.picker.label}
          placeholder="Type to search"
          queryKey={props.picker.queryKey}
          fetchPage={props.picker.fetchPage}
          toOption={props.picker.toOption}
          value={picked}
          onChange={setPicked}
          exclude={assigned}
        />
        <Button
          disabled={!picked}
          loading={props.adding}
          onClick={() => picked && props.onAdd(picked, () => setPicked(null))}
        >
          Add
        </Button>
      </Group>
      <QueryError error={props.error} />
      <Table aria-label={props.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{props.columns[0]}</Table.Th>
            <Table.Th>{props.columns[1]}</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows?.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                {row.href ? (
                  <Anchor component={Link} to={row.href}>
                    {row.primary}
                  </Anchor>
                ) : (
                  row.primary
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {row.secondary ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={row.primary}
                  actions={[{ label: props.removeLabel, color: "red", onClick: () => props.onRemove(row) }]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {props.rows && props.rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="dimmed" ta="center" py="md">
                  {props.emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {props.rows && (
        <ListFooter total={props.total} page={props.page} pageSize={props.pageSize} onPage={props.onPage} />
      )}
    </Paper>
  );
}
