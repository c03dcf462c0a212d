import { ScimError, type ScimPatchOperation, type ScimResource, scimPatch } from "scim-patch";
import { badRequest, ScimHttpError, type ScimType } from "./errors.js";
import { KNOWN_ATTRIBUTES, PATCH_SCHEMA, type PatchOp, patchRequest } from "./schemas.js";
import type { GroupMember } from "./types.js";

/** What {@link applyPatch} needs to know about the target. */
export interface PatchContext {
  type: "User" | "Group";
  strict: boolean;
  maxMembersPerPatch: number;
  /** Returns the member reference for an id, or undefined when no such User/Group exists. */
  resolveMember: (id: string) => GroupMember | undefined;
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;
const EXTENSION_PREFIX = /^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User(:|$)/i;
const IMMUTABLE = new Set(["id", "meta"]);

/**
 * Applies a PATCH body (RFC 7644 §3.5.2) to a copy of `current` and returns the patched document
 * (the caller validates it and stores it). `current` is never mutated.
 *
 * Uses scim-patch for the general case. Wrapped where it falls short:
 * - `members` add/remove/replace with a `value` array is handled here: scim-patch removes
 *   members by deep equality, so `{"value":"id"}` (what Entra/Okta send) never matches a stored
 *   `{value, display, $ref}`; and add must de-duplicate by id and fill `display`/`$ref`.
 * - path validation (unknown attribute → invalidPath, `id`/`meta` → mutability) and the
 *   per-request member-operation cap, which scim-patch does not know about.
 * - scim-patch's value-path filters use scim2-parse-filter, so `\\` inside a quoted value in a
 *   PATCH path is mis-decoded (see filter.ts); rare enough in paths that we leave it.
 */
export function applyPatch(current: object, body: unknown, ctx: PatchContext): Record<string, unknown> {
  const parsed = patchRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest("invalidSyntax", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const { schemas, Operations: ops } = parsed.data;
  if (ctx.strict && !schemas.includes(PATCH_SCHEMA)) {
    throw badRequest("invalidSyntax", `schemas must be ["${PATCH_SCHEMA}"]`);
  }
  const memberOps = ops.reduce((n, op) => n + countMemberValues(op), 0);
  if (memberOps > ctx.maxMembersPerPatch) {
    throw badRequest("invalidValue", `at most ${ctx.maxMembersPerPatch} member operations per PATCH`);
  }
  const doc = structuredClone(current) as Record<string, unknown>;
  for (const op of ops) {
    checkOp(op, ctx);
    if (ctx.type === "Group" && op.path?.toLowerCase() === "members") patchMembers(doc, op);
    else applyWithLibrary(doc, op);
  }
  if (ctx.type === "Group" && Array.isArray(doc.members)) {
    doc.members = normaliseMembers(doc.members as GroupMember[], ctx);
  }
  return doc;
}

function checkOp(op: PatchOp, ctx: PatchContext): void {
  if (op.op === "remove" && !op.path) throw badRequest("noTarget", "remove requires a path");
  if (op.path === undefined) {
    if (typeof op.value !== "object" || op.value === null || Array.isArray(op.value)) {
      throw badRequest("invalidValue", `${op.op} without path requires an object value`);
    }
    for (const k of Object.keys(op.value)) checkAttribute(k, ctx);
    return;
  }
  checkAttribute(op.path, ctx);
}

function checkAttribute(path: string, ctx: PatchContext): void {
  const bare = path.replace(CORE_PREFIX, "");
  if (ctx.type === "User" && EXTENSION_PREFIX.test(bare)) return;
  const root = (bare.split(/[.[]/, 1)[0] ?? "").toLowerCase();
  if (!ctx.strict) return;
  // Lenient profiles let `id`/`meta` through: Entra sends path-less replaces carrying the
  // unchanged `id`, and validation drops read-only attributes before the result is stored.
  if (IMMUTABLE.has(root)) throw new ScimHttpError(400, `${root} is read-only`, "mutability");
  if (!KNOWN_ATTRIBUTES[ctx.type].has(root)) {
    throw badRequest("invalidPath", `unknown attribute in path "${path}"`);
  }
}

function countMemberValues(op: PatchOp): number {
  const path = op.path?.toLowerCase() ?? "";
  if (path.startsWith("members[")) return 1;
  const v = path === "members" ? op.value : (op.value as { members?: unknown } | undefined)?.members;
  return Array.isArray(v) ? v.length : path === "members" && v !== undefined ? 1 : 0;
}

function memberValues(value: unknown): GroupMember[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((m) => {
    const id = (m as { value?: unknown } | null)?.value;
    if (typeof id !== "string" || id === "")
      throw badRequest("invalidValue", "member requires a string value");
    return m as GroupMember;
  });
}

function patchMembers(doc: Record<string, unknown>, op: PatchOp): void {
  const current = (doc.members as GroupMember[] | undefined) ?? [];
  const given = memberValues(op.value);
  if (op.op === "replace") doc.members = given;
  else if (op.op === "add") doc.members = [...current, ...given];
  else if (given.length === 0) doc.members = [];
  else {
    const drop = new Set(given.map((m) => m.value));
    doc.members = current.filter((m) => !drop.has(m.value));
  }
}

/** De-duplicates by id and fills display/$ref from the referenced resource. */
function normaliseMembers(members: GroupMember[], ctx: PatchContext): GroupMember[] {
  const seen = new Map<string, GroupMember>();
  for (const m of members) {
    if (seen.has(m.value)) continue;
    const ref = ctx.resolveMember(m.value);
    if (!ref && ctx.strict) throw badRequest("invalidValue", `member ${m.value} does not exist`);
    seen.set(m.value, ref ?? m);
  }
  return [...seen.values()];
}

function applyWithLibrary(doc: Record<string, unknown>, op: PatchOp): void {
  try {
    scimPatch(doc as unknown as ScimResource, [op as ScimPatchOperation], {
      mutateDocument: true,
      treatMissingAsAdd: true,
    });
  } catch (e) {
    if (e instanceof ScimError) {
      throw badRequest((e.scimCode as ScimType | undefined) ?? "invalidSyntax", e.message || "invalid PATCH");
    }
    throw badRequest("invalidValue", (e as Error).message);
  }
}
