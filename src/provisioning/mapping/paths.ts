/**
 * Mapping target paths: the attribute notation of RFC 7644 §3.10, restricted to what a mapping
 * needs. Grammar accepted (names case-insensitive, as in RFC 7643 §2.1):
 *
 *   [schemaUrn ":"] attribute ["[" "type eq" quotedValue [" and primary eq true"] "]"] ["." subAttribute]
 *
 * e.g. `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 */
import { SCHEMA_USER } from "../../scim/index.js";

/** A parsed target path. `schema` is the core User URN when the path has no prefix. */
export interface TargetPath {
  schema: string;
  attribute: string;
  /** Value filter selecting one element of a multi-valued attribute (RFC 7644 §3.5.2 valuePath). */
  filter?: { attribute: "type"; value: string; primary?: true };
  subAttribute?: string;
}

/** Either the parsed path or a sentence saying exactly what is wrong with it. */
export type PathResult = { ok: true; path: TargetPath } | { ok: false; error: string };

// RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar); `$ref` is the one reserved exception (§2.3.7).
const ATTR_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]*:[^\s[\]]+$/i;
const FILTER = /^\s*type\s+eq\s+"((?:[^"\\]|\\.)*)"(\s+and\s+primary\s+eq\s+true)?\s*$/i;

/** True when `schema` is the core User schema URN (URNs compare case-insensitively). */
export function isCoreUserSchema(schema: string): boolean {
  return schema.toLowerCase() === SCHEMA_USER.toLowerCase();
}

const nameError = (name: string, what: string, text: string) =>
  `"${text}": "${name}" is not a valid ${what} name ` +
  `(letters, digits, "_" and "-", starting with a letter)`;

/** Index of the `]` closing the `[` at `open`, skipping quoted strings; -1 when it is never closed. */
function closingBracket(text: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "]") return i;
  }
  return -1;
}

function parseFilter(body: string, text: string): TargetPath["filter"] | string {
  const m = FILTER.exec(body);
  if (!m) {
    return (
      `"${text}": unsupported filter [${body}]; only [type eq "…"] is supported, ` +
      `optionally followed by "and primary eq true"`
    );
  }
  let value: string;
  try {
    value = JSON.parse(`"${m[1] ?? ""}"`) as string;
  } catch {
    return `"${text}": the filter value "${m[1] ?? ""}" is not a valid quoted string`;
  }
  if (value === "") return `"${text}": the filter value is empty`;
  return m[2] ? { attribute: "type", value, primary: true } : { attribute: "type", value };
}

/**
 * Parses a mapping target path (RFC 7644 §3.10). Never throws: an unusable path gives
 * `{ ok: false, error }` with a message fit for an admin.
 */
export function parsePath(input: string): PathResult {
  const text = input.trim();
  const fail = (error: string): PathResult => ({ ok: false, error });
  if (text === "") return fail("the target path is empty");

  let schema = SCHEMA_USER;
  let rest = text;
  if (/^urn:/i.test(text)) {
    // Attribute names cannot contain ":", so the URN ends at the last ":" before any filter
    // (the filter's quoted value may itself contain ":").
    const bracket = text.indexOf("[");
    const head = bracket === -1 ? text : text.slice(0, bracket);
    const colon = head.lastIndexOf(":");
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URN.test(schema)) return fail(`"${text}": "${schema}" is not a valid schema URN`);
    if (rest === "") return fail(`"${text}": no attribute name after the schema URN`);
    if (isCoreUserSchema(schema)) schema = SCHEMA_USER;
  }

  const end = rest.search(/[.[]/);
  const attribute = end === -1 ? rest : rest.slice(0, end);
  if (attribute === "") return fail(`"${text}": the attribute name is missing`);
  if (!ATTR_NAME.test(attribute)) return fail(nameError(attribute, "attribute", text));
  const path: TargetPath = { schema, attribute };
  let tail = end === -1 ? "" : rest.slice(end);

  if (tail.startsWith("[")) {
    const close = closingBracket(tail, 0);
    if (close === -1) return fail(`"${text}": the "[" after ${attribute} is never closed`);
    const filter = parseFilter(tail.slice(1, close), text);
    if (typeof filter === "string") return fail(filter);
    path.filter = filter;
    tail = tail.slice(close + 1);
  }
  if (tail === "") return { ok: true, path };
  if (!tail.startsWith(".")) {
    return fail(`"${text}": unexpected "${tail}" after the filter; expected ".subAttribute"`);
  }
  const sub = tail.slice(1);
  if (sub === "") return fail(`"${text}": the sub-attribute name after "." is missing`);
  if (sub.includes(".") || sub.includes("[")) {
    return fail(
      `"${text}": too deep; SCIM attributes have at most one level of sub-attributes (RFC 7643 §2.3.8)`,
    );
  }
  if (!ATTR_NAME.test(sub)) return fail(nameError(sub, "sub-attribute", text));
  path.subAttribute = sub;
  return { ok: true, path };
}

/**
 * The path as text, without the prefix for the core User schema:
 * `formatPath({schema: ENTERPRISE, attribute: "department"})` → `urn:…:enterprise:2.0:User:department`.
 */
export function formatPath(path: TargetPath): string {
  const prefix = isCoreUserSchema(path.schema) ? "" : `${path.schema}:`;
  const f = path.filter;
  const filter = f ? `[type eq ${JSON.stringify(f.value)}${f.primary ? " and primary eq true" : ""}]` : "";
  return `${prefix}${path.attribute}${filter}${path.subAttribute ? `.${path.subAttribute}` : ""}`;
}

/**
 * The key two targets share when they name the same place: lower-cased (names are case-insensitive,
 * RFC 7643 §2.1, and so is `type`, which is not case-exact), core prefix and `and primary eq true`
 * dropped. Unparseable targets compare by their trimmed text.
 */
export function targetKey(target: string): string {
  const parsed = parsePath(target);
  if (!parsed.ok) return target.trim().toLowerCase();
  const { filter, ...rest } = parsed.path;
  return formatPath(
    filter ? { ...rest, filter: { attribute: "type", value: filter.value } } : rest,
  ).toLowerCase();
}
