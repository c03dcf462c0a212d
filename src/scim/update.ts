/**
 * Read-modify-write with optimistic concurrency (RFC 7644 §3.14): GET the resource, compute the new
 * document, PUT it (§3.5.1) with `If-Match` carrying the version the GET returned. A `412
 * Precondition Failed` means someone changed the resource in between: read again and re-apply.
 * This is the client's one PUT fallback for targets without PATCH.
 */
import { isScimError, ScimError } from "./errors.js";
import type { ScimResource } from "./types.js";

/** GET + PUT rounds before a 412 becomes a `conflict`. */
export const MAX_UPDATE_ATTEMPTS = 3;

/** How one resource is read and written. */
export interface UpdateIo<T extends ScimResource> {
  /** GET the resource; calls `onEtag` with the response's `ETag` header when there is one. */
  get(onEtag: (etag: string) => void): Promise<T>;
  /**
   * Runs after the GET, before the change: may complete the resource (another GET) or refuse to
   * write it by throwing (groups whose members cannot be seen).
   */
  complete?(current: T): Promise<T>;
  /** PUT `doc`; `ifMatch` is sent as the `If-Match` header when defined. */
  put(doc: object, ifMatch: string | undefined): Promise<T | undefined>;
}

/**
 * Applies `change` to the current state of a resource and PUTs the result. The version is the
 * `ETag` header, else `meta.version` (§3.14 says they are equal). Without either, the PUT is sent
 * unconditionally (the target offers nothing to guard with). After {@link MAX_UPDATE_ATTEMPTS}
 * 412s it fails as `conflict`; `change` must therefore be pure (it may run several times).
 */
export async function readModifyWrite<T extends ScimResource>(
  io: UpdateIo<T>,
  change: (current: T) => object,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    let etag: string | undefined;
    const fetched = await io.get((e) => {
      etag = e;
    });
    const current = io.complete ? await io.complete(fetched) : fetched;
    const version = etag ?? (typeof current.meta?.version === "string" ? current.meta.version : undefined);
    try {
      return await io.put(change(current), version);
    } catch (err) {
      if (!(version && isScimError(err) && err.status === 412)) throw err;
      if (attempt >= MAX_UPDATE_ATTEMPTS) {
        throw new ScimError({
          category: "conflict",
          status: 412,
          method: err.method,
          path: err.path,
          scimType: err.scimType,
          detail: `the resource changed between GET and PUT on each of ${MAX_UPDATE_ATTEMPTS} attempts (If-Match)`,
        });
      }
    }
  }
}
