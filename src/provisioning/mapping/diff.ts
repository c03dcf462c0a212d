/**
 * What changed between the account we last sent and the one the mapping gives now, as PATCH
 * operations (RFC 7644 §3.5.2), and the hash that lets an update that changes nothing send nothing.
 */
import { createHash } from "node:crypto";
import { type PatchOperation, patchOp } from "../../scim/index.js";
import { canonicalJson, isObject, type JsonObject, sameJson } from "./json.js";

/** Never patched: set by SmartLink (`schemas`) or by the target (`id`, `meta`). */
const NOT_PATCHED = new Set(["schemas", "id", "meta"]);
/** Never removed when they vanish from the mapping: the account keeps its name and state. */
const NEVER_REMOVED = new Set(["schemas", "username", "active"]);

const isExtension = (key: string, value: unknown) => /^urn:/i.test(key) && isObject(value);

/**
 * Operations on one object level. A changed complex value (`name`) is replaced whole, and its
 * sub-attributes that disappeared are removed one by one, because `replace` leaves sub-attributes
 * it does not mention unchanged (RFC 7644 §3.5.2.3).
 */
function diffAttribute(path: string, before: unknown, after: unknown): PatchOperation[] {
  if (sameJson(before, after)) return [];
  const ops = [patchOp.replace(path, after)];
  if (isObject(before) && isObject(after)) {
    for (const sub of Object.keys(before)) {
      if (before[sub] !== undefined && after[sub] === undefined) ops.push(patchOp.remove(`${path}.${sub}`));
    }
  }
  return ops;
}

/**
 * The PATCH operations that turn `previous` (what we last sent; undefined when unknown) into
 * `next` (RFC 7644 §3.5.2):
 * - a changed top-level attribute (compared deeply) → `replace` with the whole new value, so
 *   multi-valued `emails`/`phoneNumbers` are replaced as whole arrays (§3.5.2.3);
 * - extension attributes → one `replace` per attribute on `urn:…:User:department`-style paths;
 * - an attribute that disappeared → `remove` (§3.5.2.2), except `userName`, `active` and `schemas`.
 *
 * Returns `[]` when nothing changed. Operations follow `next`'s key order, removals last.
 */
export function diffToPatch(previous: object | undefined, next: object): PatchOperation[] {
  const before = (previous ?? {}) as JsonObject;
  const after = next as JsonObject;
  const ops: PatchOperation[] = [];
  const removals: PatchOperation[] = [];

  for (const [key, value] of Object.entries(after)) {
    if (NOT_PATCHED.has(key.toLowerCase()) || value === undefined) continue;
    const old = before[key];
    if (isExtension(key, value)) {
      const oldExt = isObject(old) ? old : {};
      for (const [attr, v] of Object.entries(value as JsonObject)) {
        if (v !== undefined) ops.push(...diffAttribute(`${key}:${attr}`, oldExt[attr], v));
      }
      for (const [attr, v] of Object.entries(oldExt)) {
        if (v !== undefined && (value as JsonObject)[attr] === undefined) {
          removals.push(patchOp.remove(`${key}:${attr}`));
        }
      }
    } else ops.push(...diffAttribute(key, old, value));
  }

  for (const [key, value] of Object.entries(before)) {
    if (value === undefined || after[key] !== undefined) continue;
    if (NOT_PATCHED.has(key.toLowerCase()) || NEVER_REMOVED.has(key.toLowerCase())) continue;
    if (isExtension(key, value)) {
      for (const [attr, v] of Object.entries(value as JsonObject)) {
        if (v !== undefined) removals.push(patchOp.remove(`${key}:${attr}`));
      }
    } else removals.push(patchOp.remove(key));
  }
  return [...ops, ...removals];
}

/**
 * SHA-256 (hex) of the canonical JSON of `obj` (keys sorted at every level), stored with the link
 * beside the attributes last sent: equal hashes mean there is nothing to send.
 */
export function hashSent(obj: unknown): string {
  return createHash("sha256").update(canonicalJson(obj)).digest("hex");
}
