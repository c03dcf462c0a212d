import { Text } from "@mantine/core";
import type { Page } from "../api/types";
import { DataTable, type DataTableProps } from "./DataTable";
import { ListFooter, type ListState } from "./ListControls";
import { QueryError } from "./QueryError";

/** The part of a list query result a {@link PagedTable} reads. */
export interface PageQuery<T> {
  data: Page<T> | undefined;
  error: unknown;
  isPending: boolean;
}

/** Props of {@link PagedTable}: the table's own, plus the query and the list's search/page state. */
export interface PagedTableProps<T> extends Omit<DataTableProps<T>, "rows"> {
  query: PageQuery<T>;
  list: ListState;
  /** Show "Loading…" under the table until the first page arrives. */
  showLoading?: boolean;
}

/** A server-paged table: load error, the rows, an optional loading line, then count and pages. */
export function PagedTable<T>({ query, list, showLoading, ...table }: PagedTableProps<T>) {
  const { data } = query;
  return (
    <>
      <QueryError error={query.error} />
      <DataTable {...table} rows={data?.items} />
      {showLoading && query.isPending && <Text c="dimmed">Loading…</Text>}
      {data && (
        <ListFooter
          total={data.total}
          page={list.page}
          pageSize={list.params.pageSize}
          onPage={list.setPage}
        />
      )}
    </>
  );
}
