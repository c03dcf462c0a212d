/**
 * zod schemas shared by the directory's routes: ids, paging, list envelopes and errors.
 */
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./paging.js";

/** Ids are UUIDs: a malformed one is a 400, a well-formed unknown one a 404. */
export const Id = z.uuid({ message: "must be a UUID" });
/** `:id` path parameter. */
export const IdParams = z.strictObject({ id: Id });

/** `?page=&pageSize=&search=` of every list. */
export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe("1-based page number"),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  search: z.string().max(200).optional().describe("Case-insensitive substring"),
});

/** `?page=&pageSize=&search=&after=`: page numbers, or a keyset cursor from `nextCursor`. */
export const CursorPageQuery = PageQuery.extend({
  after: z
    .string()
    .max(2000)
    .optional()
    .describe(
      "`nextCursor` of the previous page: the page after it, as fast at any depth (page is then ignored)",
    ),
});

/** `{ items, total, page, pageSize }` of `item`. */
export function ListOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** The error shape of src/http/errors.ts. */
export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .describe("Error");

/** The responses every directory route may give besides its success. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
};

/** 204 responses carry no body. */
export const NoContent = z.null().describe("No content");

/** Result of an idempotent PUT/DELETE of a link. */
export const LinkResult = z.object({
  changed: z.boolean().describe("false when it was already so"),
  events: z.number().int().describe("event rows written"),
});

/** Names of folders and applications: trimmed, 1–200 characters. */
export const Name = z.string().trim().min(1).max(200);
/** An absolute URL, at most 2,048 characters. */
export const Url = z.url().max(2048);
