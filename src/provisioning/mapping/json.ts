/** Small JSON helpers shared by the mapping code: case-insensitive access and canonical text. */

export type JsonObject = Record<string, unknown>;

/** True for a plain object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The key of `obj` equal to `name` ignoring case (SCIM attribute names and schema URNs are
 * case-insensitive, RFC 7643 §2.1), or `name` itself when there is none.
 */
export function keyOf(obj: JsonObject, name: string): string {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower) ?? name;
}

/** `obj[name]`, matching the key case-insensitively. */
export function getCI(obj: JsonObject, name: string): unknown {
  return obj[keyOf(obj, name)];
}

/**
 * JSON with object keys sorted at every level, so equal objects give equal text whatever the
 * order their keys were written in. `undefined` members are dropped, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isObject(v)) return v;
    const sorted: JsonObject = {};
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}

/** Deep equality of JSON values (arrays ordered, object keys not). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
