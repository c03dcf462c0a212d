/**
 * The Activity sub-tab: a chart of SCIM operations and failures over the last day, then the SCIM
 * operations log, newest first, server-paginated and filtered (outcome, actor, method, operation,
 * period), each row expandable to its error and redacted bodies.
 */
import { Button, Group, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useActivity } from "../../../api/activity";
import { provisioningKey } from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { ListFooter } from "../../../components/ListControls";
import { QueryError } from "../../../components/QueryError";
import { ActivityChart } from "./activity/ActivityChart";
import { ActivityFilters, type FilterState } from "./activity/ActivityFilters";
import { ActivityTable } from "./activity/ActivityTable";

const PAGE_SIZE = 25;

export function ActivityPanel({ app }: { app: Application }) {
  const qc = useQueryClient();
  const [filters, setFilters] = useState<FilterState>({ period: "" });
  const [operationText, setOperationText] = useState("");
  const [operation] = useDebouncedValue(operationText.trim(), 250);
  const [page, setPage] = useState(1);
  const { period: _period, ...query } = filters;
  const log = useActivity(app.id, { ...query, operation: operation || undefined }, page, PAGE_SIZE);

  const onFilters = (next: FilterState) => {
    setFilters(next);
    setPage(1);
  };
  const refresh = () => qc.invalidateQueries({ queryKey: [...provisioningKey(app.id), "activity"] });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          Every SCIM request SmartLink sent to {app.name}, who caused it and what came back. Secrets are
          removed from the bodies.
        </Text>
        <Button variant="default" onClick={refresh} loading={log.isFetching}>
          Refresh
        </Button>
      </Group>
      <ActivityChart appId={app.id} />
      <ActivityFilters
        value={filters}
        operation={operationText}
        onOperation={(text) => {
          setOperationText(text);
          setPage(1);
        }}
        onChange={onFilters}
      />
      <QueryError error={log.error} title="Could not load the activity" />
      <ActivityTable rows={log.data?.items} label={`SCIM activity of ${app.name}`} />
      {log.data && <ListFooter total={log.data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />}
    </Stack>
  );
}
