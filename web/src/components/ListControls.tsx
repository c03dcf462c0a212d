import { Group, Pagination, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ReactNode, useState } from "react";

export const PAGE_SIZE = 20;

/** Search text (debounced for the query) and page number of a paginated list. */
export function useListState(pageSize = PAGE_SIZE, initialSearch = "") {
  const [search, setSearchRaw] = useState(initialSearch);
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const setSearch = (value: string) => {
    setSearchRaw(value);
    setPage(1);
  };
  return { search, setSearch, page, setPage, params: { search: debounced, page, pageSize } };
}

/** The search/page state of one list, as {@link useListState} returns it. */
export type ListState = ReturnType<typeof useListState>;

/** A search box on the left, the page's main actions on the right. */
export function ListToolbar(props: {
  search: string;
  onSearch(value: string): void;
  placeholder: string;
  children?: ReactNode;
}) {
  return (
    <Group justify="space-between" mb="md">
      <TextInput
        aria-label="Search"
        placeholder={props.placeholder}
        value={props.search}
        onChange={(e) => props.onSearch(e.currentTarget.value)}
        w={320}
      />
      <Group>{props.children}</Group>
    </Group>
  );
}

/** "N items" and the page switcher under a table. */
export function ListFooter(props: {
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {props.total} {props.total === 1 ? "item" : "items"}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={props.page}
          onChange={props.onPage}
          size="sm"
          getItemProps={(page) => ({ "aria-label": `Page ${page}` })}
          getControlProps={(control) => ({
            "aria-label": `${control[0]?.toUpperCase()}${control.slice(1)} page`,
          })}
        />
      )}
    </Group>
  );
}
