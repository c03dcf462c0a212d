/**
 * SCIM account → SmartLink user draft: the mapping read backwards, used by "Create a membership"
 * to make a SmartLink user out of an account that already exists in the target.
 */
import type { ScimUser } from "../../scim/index.js";
import { getCI, isObject, type JsonObject } from "./json.js";
import { extraAttributeKey, type MappingEntry } from "./model.js";
import { isCoreUserSchema, parsePath, type TargetPath } from "./paths.js";

/** The fields of a new SmartLink user; `email` is undefined when the account has none. */
export interface UserDraft {
  email: string | undefined;
  firstName: string;
  lastName: string;
  displayName: string;
  active: boolean;
  attributes: Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);

/**
 * The value at `path` in a resource, names matched case-insensitively (RFC 7643 §2.1) because
 * targets do not all spell them as the RFC does. A filtered path reads the first matching element.
 */
export function readPath(resource: object, path: TargetPath): unknown {
  const root = resource as JsonObject;
  const container = isCoreUserSchema(path.schema) ? root : getCI(root, path.schema);
  if (!isObject(container)) return undefined;
  const value = getCI(container, path.attribute);
  const { filter, subAttribute } = path;
  if (filter) {
    if (!Array.isArray(value)) return undefined;
    const element: unknown = value.find(
      (e) =>
        isObject(e) &&
        lower(getCI(e, "type")) === filter.value.toLowerCase() &&
        (!filter.primary || getCI(e, "primary") === true),
    );
    return isObject(element) ? getCI(element, subAttribute ?? "value") : undefined;
  }
  if (subAttribute === undefined) return value;
  return isObject(value) ? getCI(value, subAttribute) : undefined;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const email = (v: unknown) => {
  const t = text(v);
  return t !== undefined && EMAIL.test(t) ? t : undefined;
};
// Some targets send booleans as strings ("True").
const bool = (v: unknown) =>
  typeof v === "boolean"
    ? v
    : typeof v === "string" && /^(true|false)$/i.test(v)
      ? lower(v) === "true"
      : undefined;

/** The account's emails: primary first, then work, then the rest (RFC 7643 §4.1.2). */
function emailsByPreference(account: ScimUser): unknown[] {
  const list = getCI(account, "emails");
  if (!Array.isArray(list)) return [];
  const elements = list.filter(isObject);
  const rank = (e: JsonObject) =>
    getCI(e, "primary") === true ? 0 : lower(getCI(e, "type")) === "work" ? 1 : 2;
  return [...elements].sort((a, b) => rank(a) - rank(b)).map((e) => getCI(e, "value"));
}

/**
 * Builds a SmartLink user draft from an account. Each mapping entry whose source is a user field
 * reads its target back (the first usable value per field wins; `id` is never taken, SmartLink
 * assigns it). Fallbacks: email ← primary email, work email, any email, then `userName` when it
 * looks like an email; firstName/lastName ← `name.givenName`/`name.familyName`; displayName ←
 * `displayName`, "first last", then `userName`; active ← `active`, else true.
 */
export function userDraftFromAccount(account: ScimUser, mapping: readonly MappingEntry[]): UserDraft {
  const found: Partial<Record<"email" | "firstName" | "lastName" | "displayName", string>> = {};
  let active: boolean | undefined;
  const attributes: Record<string, unknown> = {};

  for (const entry of mapping) {
    if (entry.source.type !== "attribute") continue;
    const parsed = parsePath(entry.target);
    if (!parsed.ok) continue;
    const value = readPath(account, parsed.path);
    const field = entry.source.attribute;
    const key = extraAttributeKey(field);
    if (key !== undefined) {
      if (value !== undefined && value !== null && value !== "" && !(key in attributes))
        attributes[key] = value;
    } else if (field === "active") active ??= bool(value);
    else if (field === "email") found.email ??= email(value);
    else if (field !== "id") found[field as "firstName" | "lastName" | "displayName"] ??= text(value);
  }

  const name = getCI(account, "name");
  const firstName = found.firstName ?? (isObject(name) ? text(getCI(name, "givenName")) : undefined) ?? "";
  const lastName = found.lastName ?? (isObject(name) ? text(getCI(name, "familyName")) : undefined) ?? "";
  const userName = text(getCI(account, "userName"));
  const displayName =
    found.displayName ??
    text(getCI(account, "displayName")) ??
    text(`${firstName} ${lastName}`) ??
    userName ??
    "";
  return {
    email: found.email ?? emailsByPreference(account).map(email).find(Boolean) ?? email(userName),
    firstName,
    lastName,
    displayName,
    active: active ?? bool(getCI(account, "active")) ?? true,
    attributes,
  };
}
