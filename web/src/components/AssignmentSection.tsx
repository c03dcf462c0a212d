/**
 * A titled panel listing what is assigned to something (a folder's members and applications, an
 * application's users), with a searchable picker to add one and a row menu to remove one.
 */
import { Button, Group, Paper, Title } from "@mantine/core";
import { useId, useState } from "react";
import type { ListParams, Page } from "../api/types";
import { EntityPicker, type PickerOption } from "./EntityPicker";
import { PagedTable, type PagedTableProps } from "./PagedTable";
import { type LinkOptions, useLinkActions } from "./useLinkActions";

type TableProps<R> = Omit<PagedTableProps<R>, "label" | "rowActions" | "showLoading" | "tableProps">;

interface AssignmentSectionProps<R, T> extends TableProps<R> {
  title: string;
  /** The table's accessible name; the title by default. */
  tableLabel?: string;
  picker: {
    label: string;
    placeholder?: string;
    queryKey: string;
    fetchPage(params: ListParams): Promise<Page<T>>;
    toOption(item: T): PickerOption;
    /** Leave the listed rows out of the options. */
    excludeListed?: boolean;
    /** Keep the picker and its button on one line. */
    nowrap?: boolean;
  };
  /** The add button's text; "Add" by default. */
  addLabel?: string;
  link: LinkOptions<R>;
  removeLabel: string;
  /** Whether a row can be removed (the menu item is disabled otherwise). */
  canRemove?(row: R): boolean;
}

/** See the module comment: a picker with an add button over a paged table with a remove menu. */
export function AssignmentSection<R, T>(props: AssignmentSectionProps<R, T>) {
  const { title, tableLabel, picker, addLabel, link, removeLabel, canRemove, ...table } = props;
  const titleId = useId();
  const [picked, setPicked] = useState<PickerOption | null>(null);
  const actions = useLinkActions(link, table.rowKey);
  const listed = picker.excludeListed ? new Set(table.query.data?.items.map(table.rowKey)) : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={4} id={titleId} mb="sm">
        {title}
      </Title>
      <Group align="flex-end" mb="md" wrap={picker.nowrap ? "nowrap" : undefined}>
        <EntityPicker
          label={picker.label}
          placeholder={picker.placeholder ?? "Type to search"}
          queryKey={picker.queryKey}
          fetchPage={picker.fetchPage}
          toOption={picker.toOption}
          value={picked}
          onChange={setPicked}
          exclude={listed}
        />
        <Button
          disabled={!picked}
          loading={actions.adding}
          onClick={() => picked && actions.add(picked, () => setPicked(null))}
        >
          {addLabel ?? "Add"}
        </Button>
      </Group>
      <PagedTable
        {...table}
        label={tableLabel ?? title}
        rowActions={(row) => [
          {
            label: removeLabel,
            color: "red",
            disabled: canRemove ? !canRemove(row) : undefined,
            onClick: () => actions.remove(row),
          },
        ]}
      />
    </Paper>
  );
}
