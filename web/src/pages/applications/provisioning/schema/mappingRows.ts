/**
 * The mapping editor's rows and their translation to and from the API's entries (MappingEntry),
 * plus reading the server's 400 answers back onto the rows they concern: `mapping.invalid` (checked
 * against the target's schema, `details.issues[].index`) and `request.invalid` (the body's zod
 * check, `details.issues[].path` = `body.user.<index>.…`).
 */
import { ApiError, errorMessage } from "../../../../api/client";
import type { MappingEntry, MappingIssue } from "../../../../api/schema";

/** What fills the target: a SmartLink attribute, or a constant of one JSON type. */
export type SourceKind = "attribute" | "string" | "number" | "boolean";

export interface MappingRow {
  /** Stable React key; rows have no identity on the server. */
  id: number;
  kind: SourceKind;
  /** The SmartLink attribute when `kind` is "attribute", else the constant as typed. */
  value: string;
  target: string;
}

export const SOURCE_KINDS: { value: SourceKind; label: string }[] = [
  { value: "attribute", label: "SmartLink attribute" },
  { value: "string", label: "Constant text" },
  { value: "number", label: "Constant number" },
  { value: "boolean", label: "Constant true/false" },
];

let nextId = 1;

export const emptyRow = (): MappingRow => ({ id: nextId++, kind: "attribute", value: "", target: "" });

export function toRows(entries: readonly MappingEntry[]): MappingRow[] {
  return entries.map(({ target, source }) => {
    if (source.type === "attribute")
      return { id: nextId++, kind: "attribute", value: source.attribute, target };
    const kind = typeof source.value as "string" | "number" | "boolean";
    return { id: nextId++, kind, value: String(source.value), target };
  });
}

/** Why a row cannot be sent as it is, or undefined (the server checks everything else). */
export function rowProblem(row: MappingRow): string | undefined {
  if (row.kind === "number" && (row.value.trim() === "" || !Number.isFinite(Number(row.value)))) {
    return "Enter a number";
  }
  return undefined;
}

export function toEntries(rows: readonly MappingRow[]): MappingEntry[] {
  return rows.map(({ kind, value, target }) => {
    const t = target.trim();
    if (kind === "attribute") return { target: t, source: { type: "attribute", attribute: value.trim() } };
    const constant = kind === "number" ? Number(value) : kind === "boolean" ? value === "true" : value;
    return { target: t, source: { type: "constant", value: constant } };
  });
}

/** The server's complaints: per row id and field, and those about the mapping as a whole. */
export interface RowIssues {
  source: Map<number, string[]>;
  target: Map<number, string[]>;
  general: string[];
}

export const noIssues: RowIssues = { source: new Map(), target: new Map(), general: [] };

const isMappingIssue = (v: unknown): v is MappingIssue =>
  typeof v === "object" && v !== null && "message" in v && "index" in v;
const isPathIssue = (v: unknown): v is { path: string; message: string } =>
  typeof v === "object" && v !== null && "message" in v && "path" in v;

/**
 * Places each issue of a failed save on the row it names (rows = what was sent): schema issues
 * and malformed targets on the target field, malformed sources on the value field.
 */
export function issuesOf(error: unknown, rows: readonly MappingRow[]): RowIssues {
  const found: RowIssues = { source: new Map(), target: new Map(), general: [] };
  const add = (index: number | null, field: "source" | "target", message: string) => {
    const row = index === null ? undefined : rows[index];
    if (row) found[field].set(row.id, [...(found[field].get(row.id) ?? []), message]);
    else found.general.push(message);
  };
  const details =
    error instanceof ApiError ? (error.details as { issues?: unknown[] } | undefined) : undefined;
  const list = Array.isArray(details?.issues) ? details.issues : [];
  for (const issue of list) {
    if (isMappingIssue(issue)) add(issue.index, "target", issue.message);
    else if (isPathIssue(issue)) {
      const m = /^body\.user\.(\d+)(?:\.(source|target))?/.exec(issue.path);
      add(m ? Number(m[1]) : null, m?.[2] === "source" ? "source" : "target", issue.message);
    }
  }
  if (found.source.size + found.target.size + found.general.length === 0) {
    found.general.push(errorMessage(error));
  }
  return found;
}
