import { List, Text } from "@mantine/core";
import type { ScimCapabilities } from "../../../api/provisioning";

/** One line per capability, in words an admin reads without knowing RFC 7644. */
function describe(c: ScimCapabilities): [label: string, value: string][] {
  const filters = (["eq", "and", "sw"] as const).filter((op) => c.filter[op]);
  const rows: [string, string][] = [
    ["PATCH", c.patch ? "Supported" : "Not supported (updates are sent with PUT)"],
    ["Filtering", filters.length > 0 ? `Supported (${filters.join(", ")})` : "Not supported"],
    ["Pagination", c.pagination === "cursor" ? "Cursor (RFC 9865)" : "Index (startIndex / count)"],
    ["Page size", c.maxPageSize ? `Up to ${c.maxPageSize} per page` : "No limit announced"],
    ["Content type", c.contentType],
  ];
  if (c.groupListIncludesMembers !== undefined) {
    rows.push(["Group lists", c.groupListIncludesMembers ? "Include members" : "Without members"]);
  }
  if (c.deleteDeactivatesOnly) rows.push(["Delete", "Deactivates the account only"]);
  rows.push(["Found by", c.source]);
  return rows;
}

/** The capabilities the connection test found, as a small labelled list ("Capabilities"). */
export function CapabilitiesList({ capabilities }: { capabilities: ScimCapabilities }) {
  return (
    <List size="sm" spacing={4} aria-label="Capabilities">
      {describe(capabilities).map(([label, value]) => (
        <List.Item key={label}>
          <Text span fw={500} size="sm">
            {label}:
          </Text>{" "}
          {value}
        </List.Item>
      ))}
    </List>
  );
}
