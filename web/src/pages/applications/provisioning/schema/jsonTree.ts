/**
 * A JSON document as Mantine `Tree` data, and the search over it. Each node's `value` is its JSON
 * Pointer (RFC 6901), stable whatever is filtered, so expanded state survives a search. Pure code:
 * the viewer (JsonViewer.tsx) renders it.
 */
import type { TreeNodeData } from "@mantine/core";

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

/** What a node shows: its key (or index), its kind, a primitive's text, a container's size. */
export interface JsonMeta {
  key: string;
  /** True for an array element, whose key is its position. */
  isIndex: boolean;
  kind: JsonKind;
  text: string;
  size: number;
}

export interface JsonNode extends TreeNodeData {
  value: string;
  nodeProps: JsonMeta;
  children?: JsonNode[];
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  return t === "object" || t === "string" || t === "number" || t === "boolean" ? t : "string";
}

/** The node of `value` under `key` at `pointer`; containers get their children, primitives none. */
function toNode(key: string, value: unknown, pointer: string, isIndex = false): JsonNode {
  const kind = kindOf(value);
  const entries: [string, unknown][] =
    kind === "array"
      ? (value as unknown[]).map((v, i) => [String(i), v])
      : kind === "object"
        ? Object.entries(value as Record<string, unknown>)
        : [];
  const container = kind === "array" || kind === "object";
  const text = container ? "" : kind === "string" ? JSON.stringify(value) : String(value ?? "null");
  const meta: JsonMeta = { key, isIndex, kind, text, size: entries.length };
  const node: JsonNode = { value: pointer, label: key, nodeProps: meta };
  if (entries.length > 0) {
    const indexed = kind === "array";
    node.children = entries.map(([k, v]) => toNode(k, v, `${pointer}/${escapePointer(k)}`, indexed));
  }
  return node;
}

/** The members of a JSON object as the tree's root nodes. */
export function toTree(doc: Record<string, unknown>): JsonNode[] {
  return Object.entries(doc).map(([k, v]) => toNode(k, v, `/${escapePointer(k)}`));
}

/** Pointers of the containers at most `depth` levels deep, the view a first look needs. */
export function expandedToDepth(nodes: JsonNode[], depth: number): Record<string, boolean> {
  const state: Record<string, boolean> = {};
  const walk = (list: JsonNode[], level: number) => {
    for (const n of list) {
      if (!n.children) continue;
      state[n.value] = level <= depth;
      walk(n.children, level + 1);
    }
  };
  walk(nodes, 1);
  return state;
}

export interface SearchResult {
  /** The matching nodes, their ancestors, and the whole object a matching value belongs to. */
  data: JsonNode[];
  matches: number;
  /** The containers to open so that every match shows. */
  expanded: string[];
}

/**
 * Finds `query` (case-insensitive) in keys and primitive values. A matching value keeps its whole
 * object, so searching `userName` shows that attribute's type and mutability next to it; a matching
 * container is kept whole but closed. An empty query gives the tree unchanged and no matches.
 */
export function searchTree(nodes: JsonNode[], query: string): SearchResult {
  const q = query.trim().toLowerCase();
  if (q === "") return { data: nodes, matches: 0, expanded: [] };
  let matches = 0;
  const expanded: string[] = [];
  const hit = (n: JsonNode) =>
    (!n.nodeProps.isIndex && n.nodeProps.key.toLowerCase().includes(q)) ||
    n.nodeProps.text.toLowerCase().includes(q);

  const walk = (n: JsonNode): JsonNode | null => {
    const self = hit(n);
    if (self) matches++;
    if (!n.children) return self ? n : null;
    const kept = n.children.map(walk);
    if (kept.every((k) => k === null)) return self ? n : null;
    expanded.push(n.value);
    const valueHit = n.children.some((c, i) => !c.children && kept[i] !== null);
    const children = valueHit
      ? n.children.map((c, i) => kept[i] ?? c)
      : kept.filter((k): k is JsonNode => k !== null);
    return { ...n, children };
  };
  const data = nodes.map(walk).filter((n): n is JsonNode => n !== null);
  return { data, matches, expanded };
}
