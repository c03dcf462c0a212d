/**
 * Secrets at rest (SCIM bearer tokens): AES-256-GCM with a random 12-byte IV per message, output
 * `v1:<iv>:<tag>:<ciphertext>` in base64url. The version prefix lets a later key or algorithm
 * change re-encrypt lazily.
 *
 * The key is HKDF-SHA256 of SMARTLINK_SECRET_KEY when set; otherwise 32 random bytes in
 * `<dataDir>/secret.key`, created with mode 0600 on first start. A key file readable by group or
 * others is refused: a secret others can read protects nothing.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const KEY_FILE_NAME = "secret.key";

/** Encrypts and decrypts short secrets. */
export interface SecretBox {
  /** `associatedData` (e.g. `connection:<appId>`) binds the box to its row: it must match to decrypt. */
  encrypt(plain: string, associatedData?: string): string;
  /** Throws {@link SecretBoxError} when the box was tampered with, or sealed with another key or context. */
  decrypt(box: string, associatedData?: string): string;
  /** Where the key came from, for the startup log (never the key). */
  keySource: "env" | "file";
}

/** A box that cannot be opened, or a key that cannot be used. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

export interface SecretBoxOptions {
  /** SMARTLINK_SECRET_KEY; when set, no key file is read or written. */
  secretKey?: string | undefined;
  /** Folder of the key file (SMARTLINK_DATA_DIR). */
  dataDir: string;
}

function deriveKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, "smartlink", "smartlink secret box v1", KEY_BYTES));
}

/** Reads `<dataDir>/secret.key`, or creates it (0600) when missing. */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": create only if absent, so two processes starting together cannot both write a key.
    const fd = openSync(file, "wx", 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES));
    } finally {
      closeSync(fd);
    }
    chmodSync(file, 0o600); // the umask may only narrow the mode, but be explicit
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new SecretBoxError(
      `${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(`${file} must hold exactly ${KEY_BYTES} bytes; it has ${key.length}`);
  }
  return key;
}

/** Builds the secret box; reads or creates the key now, so a bad key file stops the start. */
export function createSecretBox(opts: SecretBoxOptions): SecretBox {
  const key = opts.secretKey ? deriveKey(opts.secretKey) : loadOrCreateKeyFile(opts.dataDir);

  function encrypt(plain: string, associatedData?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
    return [VERSION, ...parts].join(":");
  }

  function decrypt(box: string, associatedData?: string): string {
    const parts = box.split(":");
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretBoxError(`Not a ${VERSION} secret box`);
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [
      Buffer,
      Buffer,
      Buffer,
    ];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("Malformed secret box");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretBoxError(
        "Cannot decrypt a stored secret: it was altered, or SMARTLINK_SECRET_KEY / the key file changed",
      );
    }
  }

  return { encrypt, decrypt, keySource: opts.secretKey ? "env" : "file" };
}
