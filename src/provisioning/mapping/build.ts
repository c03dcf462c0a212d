/**
 * SmartLink user → SCIM User resource, by the application's mapping (RFC 7643 §4.1, §4.3).
 * Pure: the same user and mapping always give the same object, keys in the same order.
 */
import type { User } from "../../directory/index.js";
import { DomainError } from "../../errors.js";
import { CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, type NewUser, SCHEMA_USER } from "../../scim/index.js";
import { isObject, type JsonObject, keyOf } from "./json.js";
import { extraAttributeKey, type MappingEntry, type MappingSource, type UserField } from "./model.js";
import { isCoreUserSchema, parsePath, type TargetPath } from "./paths.js";

/** The user fields a mapping reads. */
export type MappableUser = Pick<User, UserField | "attributes">;

/** A value that can be sent as one SCIM attribute value. */
export type ScalarValue = string | number | boolean;

// Spelling of the attribute names we know, so `UserName` in a mapping is still sent as `userName`.
const CANONICAL = new Map<string, string>();
for (const a of [...CORE_USER_SCHEMA.attributes, ...ENTERPRISE_USER_SCHEMA.attributes]) {
  for (const n of [a.name, ...(a.subAttributes ?? []).map((s) => s.name)]) CANONICAL.set(n.toLowerCase(), n);
}
CANONICAL.set("externalid", "externalId");
const canon = (name: string) => CANONICAL.get(name.toLowerCase()) ?? name;

/** Multi-valued attributes whose first element is marked `primary` (RFC 7643 §2.4). */
const PRIMARY_FIRST = new Set(["emails", "phoneNumbers"]);

/** `attributes.<key>`: the literal key first (`"manager.id"`), then a dotted walk (`manager` → `id`). */
function readExtra(attributes: JsonObject, key: string): unknown {
  if (Object.hasOwn(attributes, key)) return attributes[key];
  let value: unknown = attributes;
  for (const part of key.split(".")) value = isObject(value) ? value[part] : undefined;
  return value;
}

/**
 * The value `source` gives for `user`, or undefined when there is nothing to send: missing, null,
 * blank strings, objects and arrays. `false` and `0` are kept. `attributes.<key>` values are sent as
 * strings (validate.ts types them as strings), dates as ISO 8601 (RFC 7643 §2.3.5).
 */
export function evaluateSource(source: MappingSource, user: MappableUser): ScalarValue | undefined {
  if (source.type === "constant") return source.value;
  const key = extraAttributeKey(source.attribute);
  const raw = key === undefined ? user[source.attribute as UserField] : readExtra(user.attributes, key);
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
  if (typeof raw === "string") return raw.trim() === "" ? undefined : raw;
  if (typeof raw === "boolean") return key === undefined ? raw : String(raw);
  if (typeof raw === "number" && Number.isFinite(raw)) return key === undefined ? raw : String(raw);
  return undefined;
}

/** Parses an entry's target; a mapping that was saved unvalidated fails loudly, never silently. */
export function targetOf(entry: MappingEntry): TargetPath {
  const parsed = parsePath(entry.target);
  if (!parsed.ok)
    throw new DomainError("invalid", "mapping.invalid_path", parsed.error, { target: entry.target });
  return parsed.path;
}

function child(obj: JsonObject, name: string): JsonObject {
  const key = keyOf(obj, name);
  const existing = obj[key];
  if (isObject(existing)) return existing;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

function write(container: JsonObject, path: TargetPath, value: ScalarValue): void {
  const attribute = canon(path.attribute);
  const sub = path.subAttribute === undefined ? undefined : canon(path.subAttribute);
  if (path.filter) {
    const key = keyOf(container, attribute);
    const list = Array.isArray(container[key]) ? (container[key] as JsonObject[]) : [];
    container[key] = list;
    const type = path.filter.value;
    let element = list.find((e) => String(e.type).toLowerCase() === type.toLowerCase());
    if (!element) {
      element = { type };
      list.push(element);
    }
    element[sub ?? "value"] = value;
    if (path.filter.primary) element.primary = true;
  } else if (sub !== undefined) child(container, attribute)[sub] = value;
  else container[keyOf(container, attribute)] = value;
}

/** Element keys in RFC order (`value`, `display`, `type`, `primary`, then the rest), primary set. */
function finishMultiValued(container: JsonObject): void {
  for (const [name, list] of Object.entries(container)) {
    if (!Array.isArray(list)) continue;
    const elements = list as JsonObject[];
    const markFirst = PRIMARY_FIRST.has(name) && !elements.some((e) => e.primary === true);
    container[name] = elements.map((e, i) => {
      const primary = e.primary === true || (markFirst && i === 0) ? true : undefined;
      const ordered = { value: e.value, display: e.display, type: e.type, primary, ...e };
      return Object.fromEntries(Object.entries(ordered).filter(([, v]) => v !== undefined));
    });
  }
}

/**
 * Builds the SCIM User to send (POST/PUT, RFC 7644 §3.3, §3.5.1). Entries whose source is empty
 * are skipped; `schemas` starts with the core User URN and lists each extension written (under its
 * URN key, RFC 7643 §3.3); a filtered path such as `emails[type eq "work"].value` gives one element
 * per type, the first `emails`/`phoneNumbers` element marked `primary: true`. Keys follow the
 * mapping's order, core attributes before extensions.
 *
 * Throws a DomainError `mapping.invalid_path` for an unparseable target and
 * `mapping.user_name_missing` when no userName results (RFC 7643 §4.1.1 requires it).
 */
export function buildScimUser(mapping: readonly MappingEntry[], user: MappableUser): NewUser {
  const core: JsonObject = {};
  const extensions = new Map<string, JsonObject>();
  for (const entry of mapping) {
    const path = targetOf(entry);
    const value = evaluateSource(entry.source, user);
    if (value === undefined) continue;
    let container = core;
    if (!isCoreUserSchema(path.schema)) {
      const known = [...extensions.keys()].find((k) => k.toLowerCase() === path.schema.toLowerCase());
      container = extensions.get(known ?? path.schema) ?? {};
      extensions.set(known ?? path.schema, container);
    }
    write(container, path, value);
  }
  finishMultiValued(core);
  for (const ext of extensions.values()) finishMultiValued(ext);

  if (typeof core.userName !== "string") {
    const source = mapping.find((e) => {
      const path = targetOf(e);
      return isCoreUserSchema(path.schema) && path.attribute.toLowerCase() === "username";
    })?.source;
    const from =
      source === undefined
        ? "no entry maps it"
        : source.type === "attribute"
          ? `its source ${source.attribute} is empty`
          : "its constant is not a string";
    throw new DomainError(
      "invalid",
      "mapping.user_name_missing",
      `Cannot build the account of ${user.email}: userName is required (RFC 7643 §4.1.1) and ${from}`,
      { userId: user.id },
    );
  }
  return {
    schemas: [SCHEMA_USER, ...extensions.keys()],
    ...core,
    ...Object.fromEntries(extensions),
  } as NewUser;
}
