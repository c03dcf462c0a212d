/**
 * The one filter builder (RFC 7644 §3.4.2.2). Values are always quoted and escaped as JSON
 * strings, so `"` and `\` in a value can never end the string early. Call sites never concatenate.
 */

/** A built filter expression; the brand keeps raw strings from being passed where a filter is due. */
export type Filter = string & { readonly __brand: "ScimFilter" };

type Value = string | number | boolean | null;
type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

const ATTR_PATH = /^(?:urn:[A-Za-z0-9:._-]+:)?[A-Za-z$][\w$-]*(?:\.[A-Za-z$][\w$-]*)?$/;

/** Quotes a comparison value (RFC 7644 §3.4.2.2: JSON string rules, so `"` → `\"`, `\` → `\\`). */
export function quoteValue(value: Value): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isFinite(value))
    throw new TypeError("filter value must be finite");
  return String(value);
}

function attr(path: string): string {
  if (!ATTR_PATH.test(path)) throw new TypeError(`invalid SCIM attribute path: ${JSON.stringify(path)}`);
  return path;
}

function compare(op: CompareOp) {
  return (path: string, value: Value): Filter => `${attr(path)} ${op} ${quoteValue(value)}` as Filter;
}

/** True when `f` has an `or` outside quotes and parentheses (it then needs parentheses inside `and`). */
function hasTopLevelOr(f: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth === 0 && f.startsWith(" or ", i)) return true;
  }
  return false;
}

// `and` binds tighter than `or` (RFC 7644 §3.4.2.2), so plain comparisons are joined without
// parentheses: some targets (AWS) parse `a eq "x" and b eq "y"` but not parenthesised groups.
function join(op: "and" | "or", parts: Filter[]): Filter {
  if (parts.length === 0) throw new TypeError(`${op}() needs at least one filter`);
  if (parts.length === 1) return parts[0]!;
  const wrapped = op === "and" ? parts.map((p) => (hasTopLevelOr(p) ? `(${p})` : p)) : parts;
  return wrapped.join(` ${op} `) as Filter;
}

/** Filter builders. `filter.eq("userName", 'a"b')` → `userName eq "a\"b"`. */
export const filter = {
  eq: compare("eq"),
  ne: compare("ne"),
  co: compare("co"),
  sw: compare("sw"),
  ew: compare("ew"),
  gt: compare("gt"),
  ge: compare("ge"),
  lt: compare("lt"),
  le: compare("le"),
  /** `attr pr` (present). */
  pr: (path: string): Filter => `${attr(path)} pr` as Filter,
  and: (...parts: Filter[]): Filter => join("and", parts),
  or: (...parts: Filter[]): Filter => join("or", parts),
  not: (part: Filter): Filter => `not (${part})` as Filter,
};

/**
 * A PATCH value path, RFC 7644 §3.5.2: `valuePath("emails", filter.eq("type", "work"), "value")`
 * → `emails[type eq "work"].value`.
 */
export function valuePath(attribute: string, where: Filter, subAttribute?: string): string {
  const sub = subAttribute === undefined ? "" : `.${attr(subAttribute)}`;
  return `${attr(attribute)}[${where}]${sub}`;
}
