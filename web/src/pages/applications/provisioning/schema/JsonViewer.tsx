/**
 * A JSON document shown as a collapsible, searchable, syntax-highlighted tree (Mantine `Tree`: the
 * WAI-ARIA tree pattern, arrow keys move and open, Space or Enter toggles). Closed subtrees are not
 * rendered, so a vendor schema with hundreds of attributes stays fast. A search keeps the matches,
 * their ancestors and the objects a matching value belongs to, opens them and marks the matches.
 */
import {
  Box,
  Button,
  Group,
  Highlight,
  type RenderTreeNodePayload,
  ScrollArea,
  Text,
  TextInput,
  Tree,
  useTree,
} from "@mantine/core";
import { type KeyboardEvent, useMemo, useState } from "react";
import { expandedToDepth, type JsonKind, type JsonMeta, type JsonNode, searchTree, toTree } from "./jsonTree";

const COLORS: Record<JsonKind, string> = {
  string: "var(--mantine-color-green-8)",
  number: "var(--mantine-color-orange-8)",
  boolean: "var(--mantine-color-blue-7)",
  null: "var(--mantine-color-gray-6)",
  object: "var(--mantine-color-dimmed)",
  array: "var(--mantine-color-dimmed)",
};
const KEY_COLOR = "var(--mantine-color-violet-8)";

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      aria-hidden
      style={{ transform: open ? "rotate(90deg)" : undefined, transition: "transform 100ms", flex: "none" }}
    >
      <path d="M9 6l6 6-6 6" />
    </svg>
  );
}

/** A container's size when closed (`{ 5 keys }`), a primitive's value; both in their kind's colour. */
function valueText(meta: JsonMeta): string {
  if (meta.kind === "object")
    return meta.size === 0 ? "{}" : `{ ${meta.size} ${meta.size === 1 ? "key" : "keys"} }`;
  if (meta.kind === "array")
    return meta.size === 0 ? "[]" : `[ ${meta.size} ${meta.size === 1 ? "item" : "items"} ]`;
  return meta.text;
}

function JsonRow({ payload, query }: { payload: RenderTreeNodePayload; query: string }) {
  const { node, expanded, hasChildren, elementProps } = payload;
  const meta = (node as JsonNode).nodeProps;
  const mark = meta.kind === "object" || meta.kind === "array" ? "" : query;
  return (
    <Group
      gap={6}
      wrap="nowrap"
      {...elementProps}
      style={{
        ...elementProps.style,
        fontFamily: "var(--mantine-font-family-monospace)",
        fontSize: 13,
        cursor: hasChildren ? "pointer" : "default",
      }}
    >
      {hasChildren ? <Chevron open={expanded} /> : <Box w={12} style={{ flex: "none" }} />}
      <Highlight
        component="span"
        highlight={meta.isIndex ? "" : query}
        inherit
        data-json={meta.isIndex ? "index" : "key"}
        style={{ color: meta.isIndex ? COLORS.null : KEY_COLOR }}
      >
        {meta.isIndex ? meta.key : JSON.stringify(meta.key)}
      </Highlight>
      <span aria-hidden>:</span>
      <Highlight
        component="span"
        highlight={mark}
        inherit
        data-json={meta.kind}
        style={{ color: COLORS[meta.kind], wordBreak: "break-all" }}
      >
        {valueText(meta)}
      </Highlight>
    </Group>
  );
}

export function JsonViewer({ doc, label }: { doc: Record<string, unknown>; label: string }) {
  const full = useMemo(() => toTree(doc), [doc]);
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState(() => expandedToDepth(full, 2));
  const tree = useTree({ expandedState: expanded, onExpandedStateChange: setExpanded });
  const result = useMemo(() => searchTree(full, query), [full, query]);

  const onSearch = (next: string) => {
    setQuery(next);
    const found = searchTree(full, next);
    // Open the way to every match; an emptied search keeps what was open, so the admin stays put.
    if (found.expanded.length > 0) {
      setExpanded((prev) => ({ ...prev, ...Object.fromEntries(found.expanded.map((v) => [v, true])) }));
    }
  };
  // Enter toggles like Space (Mantine's Tree handles arrows and Space; Enter is what admins try).
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== "Enter") return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const value = item?.dataset.value;
    if (value && item.getAttribute("aria-expanded") !== null) {
      e.preventDefault();
      tree.toggleExpanded(value);
    }
  };
  const searching = query.trim() !== "";

  return (
    <Box>
      <Group justify="space-between" mb="xs" align="flex-end">
        <Group gap="xs" align="flex-end">
          <TextInput
            label="Search the schema"
            placeholder="Attribute name or value, e.g. userName"
            value={query}
            onChange={(e) => onSearch(e.currentTarget.value)}
            w={320}
          />
          {/* Always mounted, so screen readers announce the count as it changes. */}
          <Text size="sm" c={searching && result.matches === 0 ? "red" : "dimmed"} role="status" pb={6}>
            {!searching
              ? ""
              : result.matches === 0
                ? "No match"
                : `${result.matches} ${result.matches === 1 ? "match" : "matches"}`}
          </Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => tree.expandAllNodes()}>
            Expand all
          </Button>
          <Button variant="default" size="xs" onClick={() => tree.collapseAllNodes()}>
            Collapse all
          </Button>
        </Group>
      </Group>
      <ScrollArea.Autosize mah={560} type="auto" offsetScrollbars>
        <Tree
          aria-label={label}
          data={result.data}
          tree={tree}
          levelOffset="md"
          renderNode={(payload) => <JsonRow payload={payload} query={query.trim()} />}
          onKeyDown={onKeyDown}
        />
      </ScrollArea.Autosize>
    </Box>
  );
}
