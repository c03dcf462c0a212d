/**
 * Paging and search helpers shared by the directory's lists: 1-based pages, pageSize default 50
 * (max 500), search as a case-insensitive substring of a lower-cased `search_text` column.
 */
import { type RawBuilder, sql } from "kysely";
import type { PageQuery } from "./model.js";

/** Page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size accepted. */
export const MAX_PAGE_SIZE = 500;

export interface PageWindow {
  page: number;
  pageSize: number;
  offset: number;
  /** Lower-cased, trimmed search text; undefined when there is nothing to search for. */
  search: string | undefined;
}

/** Clamps a page request into a valid window (the routes validate; the service clamps anyway). */
export function pageWindow(q: PageQuery = {}): PageWindow {
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(q.pageSize ?? DEFAULT_PAGE_SIZE)));
  const search = q.search?.trim().toLowerCase() || undefined;
  return { page, pageSize, offset: (page - 1) * pageSize, search };
}

/**
 * `<column> like '%…%' escape '\'` with `%`, `_` and `\` in the search escaped, so a search for
 * "50%" means the literal text. Both dialects honour an explicit ESCAPE clause.
 */
export function containsLower(column: string, search: string): RawBuilder<boolean> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** The text a row is searched by: its fields, lower-cased in JS so both dialects agree. */
export function searchText(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p !== "")
    .join(" ")
    .toLowerCase();
}
