/**
 * Applies PATCH operations locally (RFC 7644 §3.5.2), for targets without PATCH: the client then
 * GETs the resource, applies the operations here and PUTs the result (§3.5.1).
 *
 * The general case (add/replace/remove, sub-attributes like `name.givenName`, value-path filters
 * like `emails[type eq "work"].value`, path-less operations, extension URNs) is scim-patch's.
 * Wrapped where it falls short (the simulator's `tools/scim-target/patch.ts` meets the same):
 * - `remove` on a multi-valued attribute with a `value` list (the Entra/AWS member form): scim-patch
 *   matches by deep equality, so `{value:"id"}` never matches a stored `{value, display, $ref}`.
 *   Here items are matched by their `value` sub-attribute.
 * - `add` of members de-duplicates by `value` (§3.5.2.1: existing values are not added twice).
 * - Read-only attributes (RFC 7643 §3.1 `meta`, §4.1.2 `groups` of a User) are dropped from the
 *   result, since a PUT must not carry them; `id` is kept (§3.5.1 allows it when it matches).
 */
import { ScimError as LibError, type ScimPatchOperation, type ScimResource, scimPatch } from "scim-patch";
import { ScimError } from "./errors.js";
import type { PatchOperation } from "./types.js";

type Doc = Record<string, unknown>;

/** Attributes never sent back in a PUT, per resource type. */
export const READ_ONLY = {
  User: ["meta", "groups"],
  Group: ["meta"],
} as const;

/**
 * Returns a patched copy of `resource` (never mutated) without `readOnly` attributes. An operation
 * that cannot be applied (bad path, remove without target) throws a `rejected` {@link ScimError},
 * as the target would answer 400 (§3.12).
 */
export function applyPatchOps(
  resource: object,
  operations: readonly PatchOperation[],
  readOnly: readonly string[],
): Doc {
  const doc = structuredClone(resource) as Doc;
  for (const op of operations) {
    const attr = plainMultiValuedPath(doc, op.path);
    if (attr && op.op === "remove" && op.value !== undefined) removeByValue(doc, attr, op.value);
    else if (attr === "members" && op.op === "add") addMembers(doc, op.value);
    else applyWithLibrary(doc, op);
  }
  const drop = new Set(readOnly.map((a) => a.toLowerCase()));
  for (const k of Object.keys(doc)) if (drop.has(k.toLowerCase())) delete doc[k];
  return doc;
}

/** The attribute key when `path` names a whole multi-valued attribute (`members`, `emails`). */
function plainMultiValuedPath(doc: Doc, path: string | undefined): string | undefined {
  if (!path || /[.[]/.test(path)) return undefined;
  if (path.toLowerCase() === "members") return "members";
  const key = Object.keys(doc).find((k) => k.toLowerCase() === path.toLowerCase());
  return key && Array.isArray(doc[key]) ? key : undefined;
}

const valuesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const keyOf = (item: unknown): unknown =>
  item && typeof item === "object" && "value" in item ? (item as { value: unknown }).value : item;

function removeByValue(doc: Doc, attr: string, value: unknown): void {
  const drop = new Set(valuesOf(value).map(keyOf));
  const current = (doc[attr] as unknown[] | undefined) ?? [];
  doc[attr] = current.filter((item) => !drop.has(keyOf(item)));
}

function addMembers(doc: Doc, value: unknown): void {
  const members = new Map<unknown, unknown>();
  for (const m of [...((doc.members as unknown[] | undefined) ?? []), ...valuesOf(value)]) {
    if (!members.has(keyOf(m))) members.set(keyOf(m), m);
  }
  doc.members = [...members.values()];
}

function applyWithLibrary(doc: Doc, op: PatchOperation): void {
  try {
    scimPatch(doc as unknown as ScimResource, [op as ScimPatchOperation], {
      mutateDocument: true,
      treatMissingAsAdd: true,
    });
  } catch (e) {
    throw new ScimError({
      category: "rejected",
      scimType:
        e instanceof LibError ? ((e.scimCode as string | undefined) ?? "invalidSyntax") : "invalidValue",
      detail: `cannot apply PATCH ${op.op} ${op.path ?? "(no path)"} locally: ${(e as Error).message}`,
    });
  }
}
