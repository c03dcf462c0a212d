/**
 * Random secrets and their stored digests. Session ids and API tokens have 256 bits of entropy, so
 * a plain SHA-256 (no salt, no slow hash) is the right way to store them: it cannot be brute-forced
 * and it lets us look them up by digest.
 */
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** hex SHA-256 of a secret: what the database stores instead of the secret. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
