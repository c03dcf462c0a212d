import { Table, type TableProps, Text, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { type RowAction, RowActions } from "./RowActions";

/** One column of a {@link DataTable}: its header and how a row fills its cell. */
export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

/** What a {@link DataTable} shows; the paged and assignment tables pass these through. */
export interface DataTableProps<T> {
  /** The table's accessible name (`aria-label`). */
  label: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey(row: T): string;
  /** The row's "⋯" menu, labelled "Actions for {rowName}"; without it there is no actions column. */
  rowActions?(row: T): RowAction[];
  rowName?(row: T): string;
  /** Shown in a single row when `rows` is loaded and empty. */
  emptyText: ReactNode;
  /** Mantine table styling, e.g. `{ striped: true, highlightOnHover: true }`. */
  tableProps?: Omit<TableProps, "aria-label">;
}

/**
 * A table with a header row, one row per item, an optional trailing actions column (header hidden
 * as "Actions") and an empty-state row spanning every column.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rowActions, rowName } = props;
  const span = props.columns.length + (rowActions ? 1 : 0);
  return (
    <Table {...props.tableProps} aria-label={props.label}>
      <Table.Thead>
        <Table.Tr>
          {props.columns.map((c) => (
            <Table.Th key={c.header}>{c.header}</Table.Th>
          ))}
          {rowActions && (
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows?.map((row) => (
          <Table.Tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
            ))}
            {rowActions && (
              <Table.Td>
                <RowActions name={rowName?.(row) ?? props.rowKey(row)} actions={rowActions(row)} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
        {props.rows && props.rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={span}>
              <Text c="dimmed" ta="center" py="md">
                {props.emptyText}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
