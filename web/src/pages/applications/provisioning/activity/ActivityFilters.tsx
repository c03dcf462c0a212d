/**
 * The Activity log's filters: outcome, actor kind, HTTP method, operation and period. Native
 * selects (labelled, keyboard-usable as is); the period becomes a `since` instant when chosen, so
 * the query key stays stable between renders.
 */
import { Group, NativeSelect, TextInput } from "@mantine/core";
import type { ActivityFilters as Filters } from "../../../../api/activity";
import { METHODS } from "../../../../api/activity";

const PERIODS = [
  { value: "", label: "Any time" },
  { value: "1", label: "Last hour" },
  { value: "24", label: "Last 24 hours" },
  { value: "168", label: "Last 7 days" },
];

export interface FilterState extends Filters {
  /** The period chosen, in hours ("" = any time); `since` is derived from it when chosen. */
  period: string;
}

export function ActivityFilters(props: {
  value: FilterState;
  operation: string;
  onOperation(text: string): void;
  onChange(next: FilterState): void;
}) {
  const { value } = props;
  const set = (patch: Partial<FilterState>) => props.onChange({ ...value, ...patch });
  const orUndefined = <T extends string>(v: string) => (v === "" ? undefined : (v as T));
  return (
    <Group align="flex-end" gap="sm">
      <NativeSelect
        label="Outcome"
        value={value.status ?? ""}
        onChange={(e) => set({ status: orUndefined(e.currentTarget.value) })}
        data={[
          { value: "", label: "All" },
          { value: "ok", label: "Succeeded" },
          { value: "failed", label: "Failed" },
        ]}
      />
      <NativeSelect
        label="Actor"
        value={value.actor ?? ""}
        onChange={(e) => set({ actor: orUndefined(e.currentTarget.value) })}
        data={[
          { value: "", label: "Anyone" },
          { value: "admin", label: "Admin" },
          { value: "event", label: "Event" },
          { value: "system", label: "System" },
        ]}
      />
      <NativeSelect
        label="Method"
        value={value.method ?? ""}
        onChange={(e) => set({ method: orUndefined(e.currentTarget.value) })}
        data={[{ value: "", label: "Any" }, ...METHODS]}
      />
      <TextInput
        label="Operation"
        placeholder="e.g. account.create"
        value={props.operation}
        onChange={(e) => props.onOperation(e.currentTarget.value)}
        w={200}
      />
      <NativeSelect
        label="Period"
        value={value.period}
        onChange={(e) => {
          const hours = e.currentTarget.value;
          set({
            period: hours,
            since: hours ? new Date(Date.now() - Number(hours) * 3_600_000).toISOString() : undefined,
          });
        }}
        data={PERIODS}
      />
    </Group>
  );
}
