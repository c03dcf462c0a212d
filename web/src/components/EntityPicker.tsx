/**
 * A searchable select whose options come from a list endpoint queried with `?search=`. The server
 * does the filtering, so Mantine's client-side filter is turned off; the chosen option is kept in
 * the data so the input still shows it when a new search no longer returns it.
 */
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ListParams, Page } from "../api/types";

export interface PickerOption {
  value: string;
  label: string;
}

interface EntityPickerProps<T> {
  label: string;
  placeholder?: string;
  queryKey: string;
  fetchPage(params: ListParams): Promise<Page<T>>;
  toOption(item: T): PickerOption;
  value: PickerOption | null;
  onChange(option: PickerOption | null): void;
  exclude?: ReadonlySet<string>;
}

export function EntityPicker<T>(props: EntityPickerProps<T>) {
  const [search, setSearch] = useState("");
  // Once an option is chosen the input shows its label: do not search for that label.
  const term = props.value && search === props.value.label ? "" : search.trim();
  const [debounced] = useDebouncedValue(term, 200);
  const { data, isFetching } = useQuery({
    queryKey: ["picker", props.queryKey, debounced],
    queryFn: () => props.fetchPage({ search: debounced, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = (data?.items ?? []).map(props.toOption).filter((o) => !props.exclude?.has(o.value));
  if (props.value && !options.some((o) => o.value === props.value?.value)) options.unshift(props.value);
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      searchable
      clearable
      data={options}
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      value={props.value?.value ?? null}
      onChange={(_value, option) =>
        props.onChange(option ? { value: option.value, label: option.label } : null)
      }
      nothingFoundMessage={isFetching ? "Searching…" : "Nothing found"}
      w={360}
    />
  );
}
