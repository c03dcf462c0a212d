import { type Filter, parse, Tester } from "scim2-parse-filter";
import { badRequest } from "./errors.js";

/** A compiled filter: a predicate, plus the unique-key value when the filter is `key eq "v"`. */
export interface CompiledFilter {
  test: (r: object) => boolean;
  /** Set when the whole filter is `<uniqueAttr> eq "<string>"`, so the caller can use its index. */
  indexKey?: string;
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;
// Private-use code point: survives scim2-parse-filter's tokenizer and JSON.parse untouched.
const MASK = "\uE000";
const QUOTED = /"(?:[^"\\]|\\.)*"/g;
// RFC 7643: id and externalId are caseExact; the other string attributes we hold are not.
const CASE_EXACT = new Set(["id", "externalid"]);

/**
 * Wraps scim2-parse-filter's Tester to compare strings case-insensitively (RFC 7643 §2.2
 * caseExact=false is the default, and userName/emails.value are not caseExact), except for
 * caseExact attributes. The library compares with `===` and knows nothing of the schema.
 */
class ScimTester extends Tester {
  private readonly exact = new Tester();

  override test(r: unknown, f: Filter): boolean {
    if ("compValue" in f && (typeof f.compValue !== "string" || CASE_EXACT.has(f.attrPath.toLowerCase()))) {
      return this.exact.test(r, f);
    }
    return super.test(r, f);
  }
  override eq(r: unknown, v: unknown): boolean {
    return typeof r === "string" && typeof v === "string" ? r.toLowerCase() === v.toLowerCase() : r === v;
  }
  override ne(r: unknown, v: unknown): boolean {
    return !this.eq(r, v);
  }
  override co(r: unknown, v: unknown): boolean {
    return lower(r).includes(lower(v));
  }
  override sw(r: unknown, v: unknown): boolean {
    return lower(r).startsWith(lower(v));
  }
  override ew(r: unknown, v: unknown): boolean {
    return lower(r).endsWith(lower(v));
  }
}

const lower = (x: unknown) => (x === null || x === undefined ? "\u0000never" : String(x).toLowerCase());
const tester = new ScimTester();

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) with scim2-parse-filter and compiles it to a predicate.
 *
 * Workaround: scim2-parse-filter 0.2 doubles every backslash not followed by `"` before
 * JSON-decoding a quoted value, so `"a\\b"` decodes to `a\\b`. We decode quoted values ourselves
 * (they are JSON strings per the RFC) and hand the parser a masked placeholder instead.
 *
 * @param uniqueAttr lowercase attribute with an O(1) index (`username` / `displayname`)
 * @param eqAndOnly  reject anything but `eq` and `and` (AWS IAM Identity Center) with 400 invalidFilter
 */
export function compileFilter(expr: string, uniqueAttr: string, eqAndOnly: boolean): CompiledFilter {
  const literals: string[] = [];
  const masked = expr.replace(QUOTED, (q) => {
    try {
      literals.push(JSON.parse(q) as string);
    } catch {
      throw badRequest("invalidFilter", `invalid quoted value ${q}`);
    }
    return `"${MASK}${literals.length - 1}"`;
  });
  let ast: Filter;
  try {
    ast = parse(masked);
  } catch (e) {
    throw badRequest("invalidFilter", `invalid filter: ${(e as Error).message}`);
  }
  restore(ast, literals, eqAndOnly);
  const compiled: CompiledFilter = { test: (r) => tester.test(r, ast) };
  if (ast.op === "eq" && ast.attrPath.toLowerCase() === uniqueAttr && typeof ast.compValue === "string") {
    compiled.indexKey = ast.compValue;
  }
  return compiled;
}

function restore(f: Filter, literals: string[], eqAndOnly: boolean): void {
  if (eqAndOnly && f.op !== "eq" && f.op !== "and") {
    throw badRequest("invalidFilter", `operator "${f.op}" is not supported; only eq and and are`);
  }
  if ("attrPath" in f) f.attrPath = f.attrPath.replace(CORE_PREFIX, "");
  if ("compValue" in f && typeof f.compValue === "string" && f.compValue.startsWith(MASK)) {
    f.compValue = literals[Number(f.compValue.slice(1))] ?? "";
  }
  if (f.op === "and" || f.op === "or") for (const c of f.filters) restore(c, literals, eqAndOnly);
  else if (f.op === "not") restore(f.filter, literals, eqAndOnly);
  else if (f.op === "[]") restore(f.valFilter, literals, eqAndOnly);
}
