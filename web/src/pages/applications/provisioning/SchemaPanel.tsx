import { Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { type SchemaView, useMapping, useSchema } from "../../../api/schema";
import type { Application } from "../../../api/types";
import { QueryError } from "../../../components/QueryError";
import { AttributesSummary } from "./schema/AttributesSummary";
import { JsonViewer } from "./schema/JsonViewer";
import { MappingEditor } from "./schema/MappingEditor";
import { SchemaHeader } from "./schema/SchemaHeader";
import { userTargetPaths } from "./schema/schemaModel";

/**
 * The Schema sub-tab: the SCIM schema the target returned (a summary of the User and Group
 * attributes, and the documents as a readable, searchable JSON tree) and the attribute mapping
 * editor, validated against that schema by the server.
 */
export function SchemaPanel({ app }: { app: Application }) {
  const schema = useSchema(app.id);
  const mapping = useMapping(app.id);
  if (schema.isPending || mapping.isPending) return <Loader size="sm" />;
  if (schema.isError) return <QueryError error={schema.error} title="Could not load the schema" />;
  if (mapping.isError) return <QueryError error={mapping.error} title="Could not load the mapping" />;
  const view = schema.data;
  return (
    <Stack>
      <SchemaHeader app={app} view={view} />
      <Section title="Attribute mapping">
        <MappingEditor
          app={app}
          saved={mapping.data.user}
          defaults={mapping.data.defaults}
          targets={userTargetPaths(view)}
        />
      </Section>
      <Section title="Attributes">
        <AttributesSummary view={view} />
      </Section>
      <Section title="Schema as JSON">
        <SchemaJson view={view} />
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={5} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The three discovery documents (RFC 7644 §4) as the target returned them. */
function SchemaJson({ view }: { view: SchemaView }) {
  const doc = useMemo(
    () => ({
      schemas: view.schemas,
      resourceTypes: view.resourceTypes,
      serviceProviderConfig: view.serviceProviderConfig,
    }),
    [view],
  );
  if (view.schemas.length === 0 && view.resourceTypes.length === 0) {
    return <Text c="dimmed">The target returned no schema; use Refresh schema to ask again.</Text>;
  }
  return <JsonViewer doc={doc} label="SCIM schema" />;
}
