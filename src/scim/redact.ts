/** Deep redaction of secrets and passwords from anything the client logs or throws. */

const SECRET_KEY =
  /^(password|passwd|secret|client_?secret|token|access_?token|refresh_?token|id_?token|authorization|cookie|set-cookie|api_?key)$/i;
export const REDACTED = "[REDACTED]";

/**
 * Returns a deep copy of `value` where keys that name secrets (password, token, authorization, …)
 * are replaced by `[REDACTED]` and any occurrence of a known secret string is scrubbed.
 * Cycles and very deep values are cut rather than followed.
 */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  // A PATCH operation `{path: "password", value: "…"}` carries the secret under `value`.
  const path = (value as { path?: unknown }).path;
  const secretPath = typeof path === "string" && SECRET_KEY.test(path.split(/[.:]/).at(-1) ?? "");
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) || (secretPath && k === "value") ? REDACTED : redact(v, secrets, depth + 1);
  }
  return out;
}

/** Replaces every occurrence of each (non-trivial) secret in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
  }
  return out;
}
