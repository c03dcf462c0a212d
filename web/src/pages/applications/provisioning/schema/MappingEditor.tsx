/**
 * The attribute mapping editor: the mapping in force as editable rows, saved whole by `PUT
 * …/mapping`. The server checks it against the target's schema and saves nothing when any row does
 * not fit; its issues are shown on the rows they concern and the rest listed above Save. "Reset to
 * default" loads the default mapping the API answers alongside the current one.
 */
import { Alert, Button, Group, List, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMemo, useState } from "react";
import { type MappingEntry, useSaveMapping } from "../../../../api/schema";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";
import { MappingRowFields } from "./MappingRowFields";
import {
  emptyRow,
  issuesOf,
  type MappingRow,
  noIssues,
  type RowIssues,
  rowProblem,
  toEntries,
  toRows,
} from "./mappingRows";

/** The server accepts at most this many entries (userMappingSchema). */
const MAX_ROWS = 100;

const sameEntries = (a: MappingEntry[], b: MappingEntry[]) => JSON.stringify(a) === JSON.stringify(b);

interface Props {
  app: Application;
  saved: MappingEntry[];
  defaults: MappingEntry[];
  targets: string[];
}

export function MappingEditor({ app, saved, defaults, targets }: Props) {
  const [rows, setRows] = useState(() => toRows(saved));
  const [issues, setIssues] = useState<RowIssues>(noIssues);
  // When the saved mapping changes (a save here, another admin), the editor starts again from it.
  // Done during render rather than by remounting, so a save's own callbacks still run.
  const savedJson = JSON.stringify(saved);
  const [shownJson, setShownJson] = useState(savedJson);
  if (shownJson !== savedJson) {
    setShownJson(savedJson);
    setRows(toRows(saved));
    setIssues(noIssues);
  }
  const save = useSaveMapping(app.id);
  const notify = useNotify();
  const entries = toEntries(rows);
  const savedEntries = useMemo(() => toEntries(toRows(saved)), [saved]);
  const defaultEntries = useMemo(() => toEntries(toRows(defaults)), [defaults]);
  const dirty = !sameEntries(entries, savedEntries);
  const blocked = rows.some((r) => rowProblem(r) !== undefined);
  const flagged = new Set([...issues.source.keys(), ...issues.target.keys()]).size;

  // An edited row's issues answered the previous version of it: they go until the next save.
  const forget = (id: number) =>
    setIssues((prev) => ({
      source: new Map([...prev.source].filter(([rowId]) => rowId !== id)),
      target: new Map([...prev.target].filter(([rowId]) => rowId !== id)),
      general: prev.general,
    }));
  const update = (row: MappingRow) => {
    setRows(rows.map((r) => (r.id === row.id ? row : r)));
    forget(row.id);
  };
  const remove = (id: number) => {
    setRows(rows.filter((r) => r.id !== id));
    forget(id);
  };
  const replaceWith = (list: MappingEntry[]) => {
    setRows(toRows(list));
    setIssues(noIssues);
  };

  const onSave = () => {
    const sent = rows;
    save.mutate(toEntries(sent), {
      onSuccess: () => {
        setIssues(noIssues);
        notify.success(`The attribute mapping of ${app.name} is saved`);
      },
      onError: (err) => {
        setIssues(issuesOf(err, sent));
        notify.error(err, "The mapping was not saved");
      },
    });
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Each row fills one SCIM attribute of the accounts SmartLink creates or updates in {app.name}. Target
        attributes come from the schema below; the server checks every row against it before saving.
      </Text>
      <Table aria-label="Attribute mapping" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>SCIM attribute</Table.Th>
            <Table.Th>
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            <MappingRowFields
              key={row.id}
              row={row}
              position={i + 1}
              targets={targets}
              sourceIssues={issues.source.get(row.id)}
              targetIssues={issues.target.get(row.id)}
              onChange={update}
              onRemove={() => remove(row.id)}
            />
          ))}
        </Table.Tbody>
      </Table>
      {issues.general.length > 0 && (
        <Alert color="red" title="The mapping was not saved" role="alert">
          <List size="sm">
            {issues.general.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {issues.general.length === 0 && flagged > 0 && (
        <Alert color="red" title="The mapping was not saved" role="alert">
          {flagged === 1 ? "One row does" : `${flagged} rows do`} not fit the target's schema: see the
          messages under the fields marked in red.
        </Alert>
      )}
      <Group justify="space-between">
        <Button
          variant="light"
          onClick={() => setRows([...rows, emptyRow()])}
          disabled={rows.length >= MAX_ROWS}
        >
          Add a mapping
        </Button>
        <Group gap="xs">
          {dirty && (
            <Text size="sm" c="orange.8">
              Unsaved changes
            </Text>
          )}
          {dirty && (
            <Button variant="subtle" onClick={() => replaceWith(saved)} disabled={save.isPending}>
              Discard changes
            </Button>
          )}
          <Button
            variant="default"
            onClick={() => replaceWith(defaults)}
            disabled={save.isPending || sameEntries(entries, defaultEntries)}
          >
            Reset to default
          </Button>
          <Button onClick={onSave} loading={save.isPending} disabled={!dirty || blocked}>
            Save
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
