/**
 * Suggested matches: accounts not associated yet whose userName, email or externalId matches a
 * SmartLink user without an account here. Each can be accepted alone, or all at once with
 * "Associate all suggested"; the server skips any that stopped matching meanwhile.
 */
import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import {
  type AssociateSuggestedResult,
  reasonText,
  type Suggestion,
  useAssociateSuggested,
  useSuggestions,
} from "../../../../api/accounts";
import type { Application } from "../../../../api/types";
import { DataTable } from "../../../../components/DataTable";
import { useNotify } from "../../../../components/notifications";
import { QueryError } from "../../../../components/QueryError";

const FIRST = 5;
const MOST = 100;
/** The server takes at most this many pairs; beyond it "all" is asked for without a list. */
const MAX_PAIRS = 10_000;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function resultText(r: AssociateSuggestedResult, appName: string): string {
  let text = `Associated ${plural(r.associated, "account", "accounts")} with ${r.associated === 1 ? "its" : "their"} suggested SmartLink user`;
  if (r.accessGranted > 0)
    text += `; ${plural(r.accessGranted, "user was", "users were")} given access to ${appName}`;
  if (r.skipped.length > 0)
    text += `; ${plural(r.skipped.length, "suggestion no longer matched", "suggestions no longer matched")}`;
  return text;
}

export function SuggestionsSection({ app }: { app: Application }) {
  const suggestions = useSuggestions(app.id);
  const accept = useAssociateSuggested(app.id);
  const notify = useNotify();
  const [expanded, setExpanded] = useState(false);
  const items = suggestions.data?.items ?? [];
  if (suggestions.error)
    return <QueryError error={suggestions.error} title="Could not load the suggested matches" />;
  if (items.length === 0) return null;

  const run = (pairs: Suggestion[] | undefined) =>
    accept.mutate(
      pairs?.map((s) => ({ accountId: s.accountId, userId: s.user.id })),
      {
        onSuccess: (r) => notify.success(resultText(r, app.name)),
        onError: (err) => notify.error(err, "Could not associate the suggested matches"),
      },
    );
  const shown = items.slice(0, expanded ? MOST : FIRST);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="suggested-matches">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={4} id="suggested-matches">
              Suggested matches ({items.length.toLocaleString()})
            </Title>
            <Text size="sm" c="dimmed">
              These accounts of {app.name} are not associated yet, but match a SmartLink user.
            </Text>
          </div>
          <Button
            onClick={() => run(items.length <= MAX_PAIRS ? items : undefined)}
            loading={accept.isPending}
          >
            Associate all suggested
          </Button>
        </Group>
        <DataTable
          label="Suggested matches"
          rows={shown}
          rowKey={(s) => s.accountId}
          emptyText="No suggestions"
          columns={[
            { header: "Account", cell: (s) => s.userName },
            { header: "SmartLink user", cell: (s) => s.user.email },
            { header: "Why", cell: (s) => reasonText[s.reason] },
            {
              header: "Accept",
              cell: (s) => (
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Associate ${s.userName} with ${s.user.email}`}
                  disabled={accept.isPending}
                  onClick={() => run([s])}
                >
                  Associate
                </Button>
              ),
            },
          ]}
        />
        {items.length > FIRST && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Showing {shown.length.toLocaleString()} of {items.length.toLocaleString()}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => setExpanded((e) => !e)}>
              {expanded ? "Show fewer" : "Show more"}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
