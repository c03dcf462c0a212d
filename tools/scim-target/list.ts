import type { Collection, Stored } from "./collection.js";
import { badRequest } from "./errors.js";
import { compileFilter } from "./filter.js";
import type { Behaviour } from "./profiles.js";
import { project } from "./projection.js";
import { LIST_SCHEMA } from "./schemas.js";

/** Query parameters of a list or `/.search`, RFC 7644 §3.4.2, plus RFC 9865's `cursor`. */
export interface ListQuery {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: "ascending" | "descending";
  attributes?: string[];
  excludedAttributes?: string[];
  cursor?: string;
}

const int = (v: string | undefined, name: string) => {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest("invalidValue", `${name} must be an integer`);
  return n;
};
const csv = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Parses list query-string parameters. */
export function parseListQuery(q: Record<string, string>): ListQuery {
  const sortOrder = q.sortOrder;
  if (sortOrder !== undefined && sortOrder !== "ascending" && sortOrder !== "descending") {
    throw badRequest("invalidValue", "sortOrder must be ascending or descending");
  }
  return {
    filter: q.filter || undefined,
    startIndex: int(q.startIndex, "startIndex"),
    count: int(q.count, "count"),
    sortBy: q.sortBy || undefined,
    sortOrder,
    attributes: csv(q.attributes),
    excludedAttributes: csv(q.excludedAttributes),
    cursor: q.cursor,
  };
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
function decodeCursor(c: string): number {
  if (c === "") return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(c, "base64url").toString());
  if (!m) throw badRequest("invalidCursor", "cursor is not one this server issued");
  return Number(m[1]);
}

/**
 * Builds a ListResponse (RFC 7644 §3.4.2.4). Without a filter or sortBy the page is sliced from
 * the collection's insertion-order ids, so paging through 100,000 resources costs O(count) per
 * page; `userName eq` / `displayName eq` use the unique index; other filters scan.
 * Cursor pagination (RFC 9865) when the profile offers it and the request carries `cursor`.
 */
export function listResources<T extends Stored>(
  col: Collection<T>,
  q: ListQuery,
  b: Behaviour,
  uniqueAttr: string,
  forced: string[] = [],
): Record<string, unknown> {
  let ids: readonly string[] | undefined;
  let items: T[] | undefined;
  if (q.filter) {
    const f = compileFilter(q.filter, uniqueAttr, b.filterEqAndOnly);
    if (f.indexKey !== undefined) {
      const hit = col.findByKey(f.indexKey);
      items = hit ? [hit] : [];
    } else items = col.all().filter((r) => f.test(r));
  } else ids = col.ids();
  if (q.sortBy) {
    items = sortBy(items ?? col.all(), q.sortBy, q.sortOrder === "descending");
    ids = undefined;
  }
  const total = items ? items.length : ids!.length;
  const count = Math.min(Math.max(q.count ?? b.maxPageSize, 0), b.maxPageSize);
  const cursorMode = b.cursorPagination && q.cursor !== undefined;
  const offset = cursorMode ? decodeCursor(q.cursor!) : Math.max(q.startIndex ?? 1, 1) - 1;
  const page = items
    ? items.slice(offset, offset + count)
    : ids!.slice(offset, offset + count).map((id) => col.get(id)!);
  const resources = page.map((r) => project(r, q.attributes, [...(q.excludedAttributes ?? []), ...forced]));
  const res: Record<string, unknown> = { schemas: [LIST_SCHEMA], totalResults: total };
  if (cursorMode) {
    if (offset + count < total) res.nextCursor = encodeCursor(offset + count);
    if (offset > 0) res.previousCursor = encodeCursor(Math.max(offset - count, 0));
  } else res.startIndex = offset + 1;
  res.itemsPerPage = resources.length;
  res.Resources = resources;
  return res;
}

function sortBy<T>(items: T[], path: string, desc: boolean): T[] {
  const keys = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, "").split(".");
  const get = (r: T) => {
    let v: unknown = r;
    for (const k of keys) {
      if (Array.isArray(v)) v = v.find((x) => x?.primary) ?? v[0];
      v = v && typeof v === "object" ? findKey(v as Record<string, unknown>, k) : undefined;
    }
    return v === undefined || v === null ? "" : String(v).toLowerCase();
  };
  const keyed = items.map((r) => [get(r), r] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) * (desc ? -1 : 1));
  return keyed.map((k) => k[1]);
}

function findKey(o: Record<string, unknown>, k: string): unknown {
  if (k in o) return o[k];
  const lk = k.toLowerCase();
  for (const key of Object.keys(o)) if (key.toLowerCase() === lk) return o[key];
  return undefined;
}
