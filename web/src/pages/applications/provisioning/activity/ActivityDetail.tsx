/**
 * The detail of one SCIM exchange, shown when its Activity row is expanded: the error in words,
 * who caused it, the resource, the attempt, and the request and response bodies (redacted of
 * secrets and cut by the server), pretty-printed when they are JSON.
 */
import { Alert, Code, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ActivityEntry } from "../../../../api/activity";

/** JSON re-indented for reading; anything else (a cut body, plain text) as it came. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Body({ title, body }: { title: string; body: string | null }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {body ? (
        <Code block mah={240} style={{ overflow: "auto" }} aria-label={title}>
          {pretty(body)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          None
        </Text>
      )}
    </Stack>
  );
}

export function ActivityDetail({ entry }: { entry: ActivityEntry }) {
  const who = entry.actor.label ?? entry.actor.id;
  return (
    <Stack gap="sm" py="xs">
      {entry.error || !entry.ok ? (
        <Alert color="red" title="Error">
          {entry.error ?? `The target answered HTTP ${entry.status}.`}
        </Alert>
      ) : null}
      <Text size="sm">
        {entry.method} {entry.path} · attempt {entry.attempt}
        {entry.resourceType ? ` · ${entry.resourceType} ${entry.resourceId ?? ""}` : ""}
        {who ? ` · by ${entry.actor.type} ${who}` : ` · by ${entry.actor.type}`}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Body title="Request body" body={entry.requestBody} />
        <Body title="Response body" body={entry.responseBody} />
      </SimpleGrid>
    </Stack>
  );
}
