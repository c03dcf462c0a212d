/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5 and §3.9). Attribute names are
 * case-insensitive and may carry the core schema URN; `a.b` selects a sub-attribute, including
 * inside multi-valued attributes (`emails.value`). `id` and `schemas` are "returned: always".
 */
const ALWAYS = new Set(["id", "schemas"]);
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i;

type Obj = Record<string, unknown>;

interface Selector {
  top: string;
  sub?: string;
}

function selectors(list: string[]): Selector[] {
  return list.map((a) => {
    const bare = a.replace(CORE_PREFIX, "");
    // An extension URN contains dots ("2.0"), so split on the last ":" first.
    const colon = bare.lastIndexOf(":");
    if (colon > 0 && bare.startsWith("urn:")) {
      return { top: bare.slice(0, colon).toLowerCase(), sub: bare.slice(colon + 1).toLowerCase() };
    }
    const [top, sub] = bare.toLowerCase().split(".", 2);
    return { top: top ?? "", sub };
  });
}

const pick = (v: unknown, subs: Set<string>): unknown => {
  if (Array.isArray(v)) return v.map((x) => pick(x, subs));
  if (!v || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => subs.has(k.toLowerCase())));
};
const omit = (v: unknown, subs: Set<string>): unknown => {
  if (Array.isArray(v)) return v.map((x) => omit(x, subs));
  if (!v || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !subs.has(k.toLowerCase())));
};

/** Returns `r` itself when nothing is selected or excluded (no copy on the hot path). */
export function project<T extends object>(r: T, attributes?: string[], excluded?: string[]): T | Obj {
  if (attributes?.length) {
    const want = new Map<string, Set<string> | true>();
    for (const s of selectors(attributes)) {
      const cur = want.get(s.top);
      if (!s.sub) want.set(s.top, true);
      else if (cur !== true) want.set(s.top, (cur ?? new Set()).add(s.sub));
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(r)) {
      const lk = k.toLowerCase();
      const w = want.get(lk);
      if (ALWAYS.has(lk) || w === true) out[k] = v;
      else if (w) out[k] = pick(v, w);
    }
    return out;
  }
  if (excluded?.length) {
    const drop = new Map<string, Set<string> | true>();
    for (const s of selectors(excluded)) {
      if (ALWAYS.has(s.top)) continue;
      const cur = drop.get(s.top);
      if (!s.sub) drop.set(s.top, true);
      else if (cur !== true) drop.set(s.top, (cur ?? new Set()).add(s.sub));
    }
    if (drop.size === 0) return r;
    const out: Obj = {};
    for (const [k, v] of Object.entries(r)) {
      const d = drop.get(k.toLowerCase());
      if (d === true) continue;
      out[k] = d ? omit(v, d) : v;
    }
    return out;
  }
  return r;
}
