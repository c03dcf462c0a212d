import { Button, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { type Resource, useDelete, useResourceList } from "../api/resource";
import { ConfirmModal } from "./ConfirmModal";
import { ListToolbar, useListState } from "./ListControls";
import { PagedTable, type PagedTableProps } from "./PagedTable";
import type { RowAction } from "./RowActions";
import { type DeleteOptions, useConfirmDelete } from "./useConfirmDelete";

/** The searchable paged table of a list: the toolbar (search and actions) above a {@link PagedTable}. */
export function SearchablePagedTable<T>({
  searchPlaceholder,
  actions,
  ...table
}: PagedTableProps<T> & { searchPlaceholder: string; actions?: ReactNode }) {
  return (
    <>
      <ListToolbar search={table.list.search} onSearch={table.list.setSearch} placeholder={searchPlaceholder}>
        {actions}
      </ListToolbar>
      <PagedTable {...table} />
    </>
  );
}

interface ListPageProps<T, I> extends Pick<PagedTableProps<T>, "columns" | "rowName"> {
  /** The collection listed (and deleted from). */
  resource: Resource<T, I>;
  /** The search box's text on arrival (e.g. from `?search=`). */
  initialSearch?: string;
  /** The heading, also the table's accessible name. */
  title: string;
  searchPlaceholder: string;
  /** The toolbar's create button. */
  create: { label: string; onClick(): void };
  /** The empty-state text with and without a search term. */
  emptyText: { searching: string; none: string };
  /** The row menu; `askDelete` opens the delete confirmation for that row. */
  rowActions(row: T, askDelete: (row: T) => void): RowAction[];
  /** The delete confirmation: its title, its body (given the item, or null while closing) and toasts. */
  remove: Omit<DeleteOptions<T>, "mutation"> & { title: string; message(item: T | null): ReactNode };
  /** Dialogs of the page, e.g. its create form. */
  children?: ReactNode;
}

/**
 * A top-level list page (Applications, Users, Folders): heading, search box with the create
 * button, the paged table with row menus, and a confirmation before a row is deleted.
 */
export function ListPage<T extends { id: string }, I>(props: ListPageProps<T, I>) {
  const { resource, title, create, emptyText, rowActions, remove } = props;
  const list = useListState(undefined, props.initialSearch);
  const query = useResourceList(resource, list.params);
  const del = useConfirmDelete<T>({ ...remove, mutation: useDelete(resource) });
  return (
    <>
      <Title order={2} mb="md">
        {title}
      </Title>
      <SearchablePagedTable
        label={title}
        list={list}
        query={query}
        columns={props.columns}
        rowKey={(row) => row.id}
        rowName={props.rowName}
        rowActions={(row) => rowActions(row, del.ask)}
        emptyText={list.params.search ? emptyText.searching : emptyText.none}
        searchPlaceholder={props.searchPlaceholder}
        actions={<Button onClick={create.onClick}>{create.label}</Button>}
        tableProps={{ striped: true, highlightOnHover: true }}
        showLoading
      />
      {props.children}
      <ConfirmModal {...del.modal} title={remove.title} confirmLabel="Delete">
        {remove.message(del.target)}
      </ConfirmModal>
    </>
  );
}
