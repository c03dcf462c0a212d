/**
 * The attributes the target offers for Users and Groups (the spec: the Schema tab "lists the
 * attributes available for users and groups, and serves as a reference for configuring mappings"):
 * one table per schema with name, type, multi-valued, required and mutability.
 */
import { Badge, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { SchemaView, ScimSchema } from "../../../../api/schema";
import { attributeRows, resourceSchemas } from "./schemaModel";

const yesNo = (v: boolean | undefined) => (v ? "Yes" : "No");

function SchemaTable({ schema, extension }: { schema: ScimSchema; extension: boolean }) {
  const rows = attributeRows(schema);
  const name = schema.name ?? schema.id;
  return (
    <Stack gap={4}>
      <Title order={6}>
        {name}{" "}
        {extension && (
          <Badge size="xs" variant="light">
            extension
          </Badge>
        )}
      </Title>
      <Text size="xs" c="dimmed" ff="monospace">
        {schema.id}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          This schema declares no attributes.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Table striped highlightOnHover stickyHeader aria-label={`${name} attributes`} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Attribute</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Multi-valued</Table.Th>
                <Table.Th>Required</Table.Th>
                <Table.Th>Mutability</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ path, attribute, isSub }) => (
                <Table.Tr key={path}>
                  <Table.Td ff="monospace" pl={isSub ? "xl" : undefined} title={attribute.description}>
                    {path}
                  </Table.Td>
                  <Table.Td>{attribute.type ?? "string"}</Table.Td>
                  <Table.Td>{yesNo(attribute.multiValued)}</Table.Td>
                  <Table.Td>{yesNo(attribute.required)}</Table.Td>
                  <Table.Td>{attribute.mutability ?? "readWrite"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

export function AttributesSummary({ view }: { view: SchemaView }) {
  const [kind, setKind] = useState<"User" | "Group">("User");
  const { core, extensions } = resourceSchemas(view, kind);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Resource type"
        value={kind}
        onChange={(v) => setKind(v as "User" | "Group")}
        data={[
          { value: "User", label: "Users" },
          { value: "Group", label: "Groups" },
        ]}
        w={240}
      />
      {core ? (
        <SchemaTable schema={core} extension={false} />
      ) : (
        <Text size="sm" c="dimmed">
          The target describes no {kind} schema.
        </Text>
      )}
      {extensions.map((s) => (
        <SchemaTable key={s.id} schema={s} extension />
      ))}
    </Stack>
  );
}
