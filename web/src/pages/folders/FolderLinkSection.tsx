import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import type { LinkInput } from "../../api/resource";
import type { Folder, ListParams, Page } from "../../api/types";
import { AssignmentSection } from "../../components/AssignmentSection";
import type { Column } from "../../components/DataTable";
import type { PickerOption } from "../../components/EntityPicker";
import { useListState } from "../../components/ListControls";

/** What differs between the folder's members and its applications. */
export interface FolderLinkConfig<T> {
  title: string;
  /** "member", "application": used in the error toasts. */
  noun: string;
  useItems(folderId: string, p: ListParams): UseQueryResult<Page<T>>;
  useLink(): UseMutationResult<void, Error, LinkInput>;
  columns: Column<T>[];
  rowName(item: T): string;
  emptyText: string;
  picker: {
    label: string;
    queryKey: string;
    fetchPage(params: ListParams): Promise<Page<T>>;
    toOption(item: T): PickerOption;
  };
}

/** One of the folder page's link lists: picker, paged table and "Remove from folder". */
export function FolderLinkSection<T extends { id: string }>({
  folder,
  config: c,
}: {
  folder: Folder;
  config: FolderLinkConfig<T>;
}) {
  const list = useListState();
  return (
    <AssignmentSection<T, T>
      title={c.title}
      list={list}
      query={c.useItems(folder.id, list.params)}
      columns={c.columns}
      rowKey={(item) => item.id}
      rowName={c.rowName}
      emptyText={c.emptyText}
      picker={{ ...c.picker, excludeListed: true, nowrap: true }}
      link={{
        mutation: c.useLink(),
        id: folder.id,
        added: (label) => `${label} added to ${folder.name}`,
        removed: (item) => `${c.rowName(item)} removed from ${folder.name}`,
        addError: `Could not add the ${c.noun}`,
        removeError: `Could not remove the ${c.noun}`,
      }}
      removeLabel="Remove from folder"
    />
  );
}
