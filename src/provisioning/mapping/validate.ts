/**
 * A mapping checked against the target's schemas (RFC 7643 §7), with messages for the IT admin
 * who edits it: which entry, what is wrong, what would be right.
 */
import {
  CORE_SCHEMAS,
  CORE_USER_SCHEMA,
  SCHEMA_GROUP,
  type SchemaAttribute,
  type ScimSchema,
} from "../../scim/index.js";
import type { MappingEntry, MappingSource } from "./model.js";
import { formatPath, isCoreUserSchema, parsePath, targetKey } from "./paths.js";

export type MappingIssueCode =
  | "invalid_path"
  | "unknown_schema"
  | "unknown_attribute"
  | "unknown_sub_attribute"
  | "read_only"
  | "type_mismatch"
  | "duplicate_target"
  | "missing_user_name";

/** One problem; `index` is the entry's position, null for the mapping as a whole. */
export interface MappingIssue {
  index: number | null;
  target: string;
  code: MappingIssueCode;
  message: string;
}

// RFC 7643 §3.1 common attributes: on every resource, declared by no schema.
const COMMON: SchemaAttribute[] = [
  { name: "id", type: "string", mutability: "readOnly" },
  { name: "externalId", type: "string", mutability: "readWrite" },
  { name: "meta", type: "complex", mutability: "readOnly" },
  { name: "schemas", type: "reference", multiValued: true, mutability: "readOnly" },
];

const find = (list: readonly SchemaAttribute[] | undefined, name: string) =>
  list?.find((a) => a.name.toLowerCase() === name.toLowerCase());

/** Names to suggest, sorted case-insensitively (not by locale, so messages are the same everywhere). */
const known = (list: readonly SchemaAttribute[]) => {
  const names = list.map((a) => a.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  return names.length > 30 ? `${names.slice(0, 30).join(", ")}, …` : names.join(", ");
};

// `groups` is read-only (RFC 7643 §4.1.2) though some schemas, like our abridged core one, only
// mark its sub-attributes so: an attribute whose every sub-attribute is read-only is read-only.
const isReadOnly = (a: SchemaAttribute) =>
  a.mutability === "readOnly" ||
  (a.subAttributes !== undefined &&
    a.subAttributes.length > 0 &&
    a.subAttributes.every((s) => s.mutability === "readOnly"));

function sourceType(source: MappingSource): "string" | "number" | "boolean" {
  if (source.type === "constant") return typeof source.value as "string" | "number" | "boolean";
  return source.attribute === "active" ? "boolean" : "string";
}

type Problem = { code: MappingIssueCode; message: string };
const problem = (code: MappingIssueCode, message: string): Problem => ({ code, message });

const describe = (source: MappingSource) =>
  source.type === "constant" ? `the constant ${JSON.stringify(source.value)}` : source.attribute;

/**
 * Why `source` cannot fill an attribute of `type` (RFC 7643 §2.3), or undefined when it can.
 * Strings fit string, reference, binary and dateTime attributes; an unknown type accepts anything.
 */
function typeProblem(target: string, source: MappingSource, type: string | undefined): string | undefined {
  const t = type?.toLowerCase();
  if (t === undefined) return undefined;
  const from = sourceType(source);
  const constant = source.type === "constant" ? source.value : undefined;
  const [fits, needs] =
    t === "boolean"
      ? [from === "boolean", "a boolean"]
      : t === "integer"
        ? [Number.isInteger(constant), "an integer"]
        : t === "decimal"
          ? [from === "number", "a decimal number"]
          : [from === "string", `a ${t}`];
  if (fits) return undefined;
  const hint = constant !== undefined && t === "string" ? ` (write it as "${constant}")` : "";
  return `"${target}" needs ${needs}, but ${describe(source)} is a ${from}${hint}`;
}

/** The first problem of one entry against the schemas the target offers, or undefined. */
function checkEntry(entry: MappingEntry, userSchema: ScimSchema, offered: readonly ScimSchema[]) {
  const { target, source } = entry;
  const parsed = parsePath(target);
  if (!parsed.ok) return problem("invalid_path", parsed.error);
  const path = parsed.path;
  const core = isCoreUserSchema(path.schema);
  const schema = core ? userSchema : offered.find((s) => s.id.toLowerCase() === path.schema.toLowerCase());
  if (!schema) {
    const extensions = offered.filter((s) => !isCoreUserSchema(s.id)).map((s) => s.id);
    const list = extensions.length > 0 ? `it offers ${extensions.join(", ")}` : "it offers no extension";
    return problem(
      "unknown_schema",
      `"${target}": the target does not offer the schema ${path.schema} (${list})`,
    );
  }
  const where = `the target's ${schema.name ?? schema.id} schema`;
  const attr = find(core ? [...COMMON, ...schema.attributes] : schema.attributes, path.attribute);
  if (!attr) {
    const writable = core
      ? [...COMMON.filter((a) => !isReadOnly(a)), ...schema.attributes]
      : schema.attributes;
    const message = `"${path.attribute}" is not an attribute of ${where} (known: ${known(writable)})`;
    return problem("unknown_attribute", message);
  }
  if (isReadOnly(attr)) {
    return problem("read_only", `"${attr.name}" is read-only in ${where}: the target sets it (RFC 7643 §7)`);
  }
  if (path.filter && !attr.multiValued) {
    const message = `"${target}": "${attr.name}" is single-valued, so it cannot have a [type eq …] filter`;
    return problem("type_mismatch", message);
  }
  if (path.filter && !find(attr.subAttributes, "type")) {
    return problem("type_mismatch", `"${target}": the values of "${attr.name}" have no "type" to filter on`);
  }
  if (attr.multiValued && !path.filter) {
    const filter = { attribute: "type", value: "work" } as const;
    const example = formatPath({ ...path, filter, subAttribute: path.subAttribute ?? "value" });
    const message = `"${target}": "${attr.name}" is multi-valued; pick one value with a filter, e.g. ${example}`;
    return problem("type_mismatch", message);
  }
  let leaf = attr;
  // A filtered path without a sub-attribute writes the element's `value` (RFC 7643 §2.4).
  const subName = path.subAttribute ?? (path.filter ? "value" : undefined);
  if (subName !== undefined) {
    const subs = attr.subAttributes ?? [];
    const sub = find(subs, subName);
    if (!sub) {
      const hint = subs.length > 0 ? `known: ${known(subs)}` : `"${attr.name}" has no sub-attributes`;
      return problem(
        "unknown_sub_attribute",
        `"${formatPath(path)}" is not an attribute of ${where} (${hint})`,
      );
    }
    if (sub.mutability === "readOnly") {
      const message = `"${attr.name}.${sub.name}" is read-only in ${where}: the target sets it (RFC 7643 §7)`;
      return problem("read_only", message);
    }
    leaf = sub;
  } else if (attr.type?.toLowerCase() === "complex") {
    const message = `"${target}" is complex; map one of its sub-attributes (${known(attr.subAttributes ?? [])})`;
    return problem("type_mismatch", message);
  }
  const why = typeProblem(target, source, leaf.type);
  return why ? problem("type_mismatch", why) : undefined;
}

const isUserName = (target: string) => {
  const parsed = parsePath(target);
  if (!parsed.ok) return false;
  const { schema, attribute, filter, subAttribute } = parsed.path;
  return isCoreUserSchema(schema) && attribute.toLowerCase() === "username" && !filter && !subAttribute;
};

/**
 * Checks each entry of `mapping` against the target's User schema and extensions: path syntax,
 * schema, attribute and sub-attribute (case-insensitive, RFC 7643 §2.1), mutability, value type,
 * duplicates, and that `userName` is mapped (RFC 7643 §4.1.1). With no `schemas` (a target without
 * `/Schemas`), checks against the RFC's core User and Enterprise User schemas. `[]` means valid.
 */
export function validateMapping(
  mapping: readonly MappingEntry[],
  schemas: readonly ScimSchema[],
): MappingIssue[] {
  const offered = (schemas.length > 0 ? schemas : CORE_SCHEMAS).filter(
    (s) => s.id.toLowerCase() !== SCHEMA_GROUP.toLowerCase(),
  );
  const userSchema = offered.find((s) => isCoreUserSchema(s.id)) ?? CORE_USER_SCHEMA;
  const issues: MappingIssue[] = [];
  const seen = new Map<string, number>();
  mapping.forEach((entry, index) => {
    const { target } = entry;
    const key = targetKey(target);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      const message = `"${target}" is already mapped by entry ${first + 1}: keep one of them`;
      issues.push({ index, target, code: "duplicate_target", message });
    }
    const found = checkEntry(entry, userSchema, offered);
    if (found) issues.push({ index, target, ...found });
  });
  if (!mapping.some((e) => isUserName(e.target))) {
    issues.push({
      index: null,
      target: "userName",
      code: "missing_user_name",
      message: `No entry maps "userName", which every account needs (RFC 7643 §4.1.1); the default maps it from email`,
    });
  }
  return issues;
}
