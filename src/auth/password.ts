/**
 * Password hashing with scrypt (node:crypto). Each hash carries its own parameters and salt —
 * `scrypt$N$r$p$<salt b64url>$<hash b64url>` — so the cost can be raised later without breaking
 * stored hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Default cost: N=2^15, r=8, p=1 (32 MiB, ~100 ms on an idle core), twice Node's default. OWASP's
 * current advice (N=2^17, or N=2^15 with p=3) costs 3–4× more per login; raise it here if that is
 * affordable — stored hashes keep verifying with the parameters they carry.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Refuse stored parameters beyond this, so a tampered row cannot make verification eat the host. */
const MAX_N = 2 ** 20;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt; returns the encoded form stored in `admins.password_hash`. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/**
 * True when `password` matches `encoded`. The comparison is constant-time; a malformed hash is
 * simply "no match" (it is logged by no one: callers answer the same 401 either way).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_N || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A strong random password (24 URL-safe characters, 144 bits) for the generated first admin. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
