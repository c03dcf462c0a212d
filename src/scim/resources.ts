/**
 * Operations common to Users and Groups (RFC 7644 §3.3–§3.6): get, paged listing (index or
 * RFC 9865 cursor), search, create without duplicates on retry, replace, modify (PATCH, or GET +
 * PUT with If-Match where PATCH is unsupported), delete.
 */
import type { z } from "zod";
import { isScimError } from "./errors.js";
import { type Filter, filter } from "./filter.js";
import { isPatchUnsupported, patchBody } from "./patch.js";
import { applyPatchOps } from "./patch-apply.js";
import { type RequestContext, scimRequest } from "./request.js";
import type { Capabilities, PatchOperation, ScimResource } from "./types.js";
import { readModifyWrite } from "./update.js";
import { listOf } from "./wire.js";

/** Options of listing and search. */
export interface ListOptions {
  filter?: Filter;
  /** Requested page size (default 100), capped by the target's known maximum. */
  pageSize?: number;
  /** `attributes` parameter, RFC 7644 §3.4.2.5. */
  attributes?: string[];
  /** Called with the first page's `totalResults` (RFC 7644 §3.4.2), for progress; undefined when absent. */
  onTotal?: (total: number | undefined) => void;
}

/** The resource operations, typed by the resource (T) and its creation shape (N). */
export interface ResourceOps<T extends ScimResource, N> {
  /** GET /{endpoint}/{id} (§3.4.1); a missing resource throws `notFound`. */
  get(id: string, opts?: { attributes?: string[] }): Promise<T>;
  /**
   * Streams every resource, one page in memory at a time (§3.4.2.4 / RFC 9865). Stops on an empty
   * page, a repeated page or cursor, or a short page at `totalResults` — never trusts `totalResults` alone.
   */
  listAll(opts?: ListOptions): AsyncGenerator<T, void, undefined>;
  /** Like {@link listAll}, but yields whole pages. */
  pages(opts?: ListOptions): AsyncGenerator<T[], void, undefined>;
  /** One page of resources matching `filter` (GET with `filter`, §3.4.2.2). */
  search(filter: Filter, opts?: Omit<ListOptions, "filter">): Promise<T[]>;
  /**
   * POST (§3.3). A retry after a failure whose outcome is unknown (5xx, reset, timeout, unreadable
   * body) looks the resource up by its natural key first; a 409 on a re-send resolves to the existing
   * resource. A 2xx without `id` counts as `transient`, not `rejected`: the create probably landed,
   * and the lookup before the retry finds it (or re-POSTs when it did not).
   */
  create(resource: N): Promise<T>;
  /** PUT (§3.5.1). */
  replace(id: string, resource: N | T): Promise<T | undefined>;
  /**
   * PATCH (§3.5.2). Resolves the returned resource, or undefined on 204 No Content. Where PATCH is
   * unsupported (501/405, learned as `capabilities().patch = false`, then not tried again), the
   * operations are applied locally to a fresh GET and the result is PUT, see {@link update}.
   */
  modify(id: string, operations: readonly PatchOperation[]): Promise<T | undefined>;
  /**
   * GET, `change`, PUT with `If-Match` (RFC 7644 §3.5.1, §3.14); on 412 reads again and re-applies,
   * at most 3 rounds, then `conflict`. `change` may run more than once: keep it pure.
   */
  update(id: string, change: (current: T) => object): Promise<T | undefined>;
  /** DELETE (§3.6). `404` counts as success: the resource is already gone. */
  delete(id: string): Promise<void>;
}

/** How one resource type is reached and recognised. */
export interface ResourceConfig<T> {
  endpoint: "/Users" | "/Groups";
  schemaUrn: string;
  itemSchema: z.ZodType<T>;
  /** Attribute unique per target, used to find a resource after an ambiguous create. */
  naturalKey: "userName" | "displayName";
  /** Read-only attributes dropped before a PUT built from a GET (RFC 7643 §3.1, §4.1.2). */
  readOnly: readonly string[];
  /** Completes (or refuses, by throwing) a resource read for {@link ResourceOps.update}. */
  completeForPut?: (id: string, current: T) => Promise<T>;
}

const DEFAULT_PAGE_SIZE = 100;

/** Builds {@link ResourceOps} over the request context and the current capabilities. */
export function resourceOps<T extends ScimResource, N extends object>(
  ctx: RequestContext,
  caps: () => Capabilities,
  learn: (c: Partial<Capabilities>) => void,
  cfg: ResourceConfig<T>,
): ResourceOps<T, N> {
  // Every item must validate: a page with an unaddressable item is a bad page (transient, retried),
  // never silently shortened — a snapshot missing accounts would make reconcile re-create them.
  const pageSchema = listOf(cfg.itemSchema);
  const path = (id: string) => `${cfg.endpoint}/${encodeURIComponent(id)}`;
  const withSchemas = (r: object) => ("schemas" in r ? r : { schemas: [cfg.schemaUrn], ...r });

  async function* pages(opts: ListOptions = {}): AsyncGenerator<T[], void, undefined> {
    const c = caps();
    const count = Math.min(opts.pageSize ?? DEFAULT_PAGE_SIZE, c.maxPageSize ?? Number.POSITIVE_INFINITY);
    const base = { filter: opts.filter, count, attributes: opts.attributes?.join(",") };
    const seen = new Set<string>();
    let cursor = "";
    let startIndex = 1;
    for (;;) {
      const query = c.pagination === "cursor" ? { ...base, cursor } : { ...base, startIndex };
      const page = await scimRequest(ctx, {
        method: "GET",
        path: cfg.endpoint,
        query,
        schema: pageSchema,
      });
      const items = page.Resources;
      if (seen.size === 0) opts.onTotal?.(page.totalResults);
      if (items.length === 0) return;
      // A page identical to one already seen means the target ignores our position: stop, don't loop.
      const signature = `${items[0]!.id}|${items.at(-1)!.id}|${items.length}`;
      if (seen.has(signature)) return;
      seen.add(signature);
      yield items;
      if (c.pagination === "cursor") {
        const next = page.nextCursor;
        if (!next || seen.has(`cursor:${next}`)) return;
        seen.add(`cursor:${next}`);
        cursor = next;
      } else {
        startIndex += page.Resources.length;
        // totalResults alone is not trusted (some targets lie).
        const total = page.totalResults;
        // Exactly `total` seen, or a short page past it: done. (Seen more than `total`: it lied, go on.)
        if (
          total !== undefined &&
          (startIndex - 1 === total || (startIndex > total && page.Resources.length < count))
        ) {
          return;
        }
      }
    }
  }

  async function search(f: Filter, opts: Omit<ListOptions, "filter"> = {}): Promise<T[]> {
    const c = caps();
    const count = Math.min(opts.pageSize ?? DEFAULT_PAGE_SIZE, c.maxPageSize ?? Number.POSITIVE_INFINITY);
    const page = await scimRequest(ctx, {
      method: "GET",
      path: cfg.endpoint,
      query: { filter: f, count, attributes: opts.attributes?.join(",") },
      schema: pageSchema,
    });
    return page.Resources;
  }

  /** Finds the resource by its natural key; exact matches preferred (targets may compare case-insensitively). */
  async function findByKey(value: unknown): Promise<T | undefined> {
    if (typeof value !== "string" || !caps().filter.eq) return undefined;
    const found = await search(filter.eq(cfg.naturalKey, value), { pageSize: 10 });
    return found.find((r) => r[cfg.naturalKey] === value) ?? found[0];
  }

  function put(id: string, resource: object, ifMatch?: string): Promise<T | undefined> {
    const { meta: _meta, ...rest } = resource as Record<string, unknown>;
    return scimRequest(ctx, {
      method: "PUT",
      path: path(id),
      body: withSchemas({ ...rest, id }),
      schema: cfg.itemSchema,
      emptyBodyOk: true,
      headers: ifMatch ? { "if-match": ifMatch } : undefined,
    });
  }

  const update = (id: string, change: (current: T) => object) =>
    readModifyWrite<T>(
      {
        get: (onEtag) => scimRequest(ctx, { method: "GET", path: path(id), schema: cfg.itemSchema, onEtag }),
        complete: cfg.completeForPut && ((current) => cfg.completeForPut!(id, current)),
        put: (doc, ifMatch) => put(id, doc, ifMatch),
      },
      change,
    );

  return {
    get: (id, opts = {}) =>
      scimRequest(ctx, {
        method: "GET",
        path: path(id),
        query: { attributes: opts.attributes?.join(",") },
        schema: cfg.itemSchema,
      }),
    pages,
    async *listAll(opts) {
      for await (const page of pages(opts)) yield* page;
    },
    search,
    create(resource) {
      const key = (resource as Record<string, unknown>)[cfg.naturalKey];
      return scimRequest(ctx, {
        method: "POST",
        path: cfg.endpoint,
        body: withSchemas(resource),
        schema: cfg.itemSchema,
        // After a 429 nothing was created; after a 5xx, reset, timeout or a body we could not read,
        // the create may have landed: look before POSTing again.
        beforeRetry: (err) => (err.status === 429 ? Promise.resolve(undefined) : findByKey(key)),
        // 409 uniqueness on a re-send means our earlier attempt created it.
        onRetriedConflict: () => findByKey(key),
      });
    },
    replace: (id, resource) => put(id, resource),
    async modify(id, operations) {
      const body = patchBody(operations); // validated before either path
      if (caps().patch) {
        try {
          return await scimRequest(ctx, {
            method: "PATCH",
            path: path(id),
            body,
            schema: cfg.itemSchema,
            emptyBodyOk: true,
          });
        } catch (err) {
          if (!isPatchUnsupported(err)) throw err;
          learn({ patch: false });
        }
      }
      return update(id, (current) => applyPatchOps(current, body.Operations, cfg.readOnly));
    },
    update,
    async delete(id) {
      try {
        await scimRequest(ctx, { method: "DELETE", path: path(id) });
      } catch (err) {
        if (!isScimError(err, "notFound")) throw err;
      }
    },
  };
}
