import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSecretBox, KEY_FILE_NAME, SecretBoxError } from "./secret-box.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "smartlink-secrets-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("secret box", () => {
  it("round-trips a secret through the versioned v1:iv:tag:ciphertext form", () => {
    const box = createSecretBox({ secretKey: "test key material", dataDir: tempDir() });
    const sealed = box.encrypt("scim-bearer-token-ü");
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("scim-bearer-token");
    expect(box.decrypt(sealed)).toBe("scim-bearer-token-ü");
  });

  it("uses a fresh IV each time, so equal secrets give different boxes", () => {
    const box = createSecretBox({ secretKey: "k", dataDir: tempDir() });
    expect(box.encrypt("same")).not.toBe(box.encrypt("same"));
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const box = createSecretBox({ secretKey: "k", dataDir: tempDir() });
    const [v, iv, tag, ct] = box.encrypt("a secret value").split(":") as [string, string, string, string];
    const flip = (s: string) => {
      const bytes = Buffer.from(s, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    for (const forged of [
      [v, iv, tag, flip(ct)],
      [v, iv, flip(tag), ct],
      [v, flip(iv), tag, ct],
    ]) {
      expect(() => box.decrypt(forged.join(":"))).toThrow(SecretBoxError);
    }
    expect(() => box.decrypt("v2:a:b:c")).toThrow(/Not a v1 secret box/);
  });

  it("refuses to open a box sealed with another key", () => {
    const sealed = createSecretBox({ secretKey: "key one", dataDir: tempDir() }).encrypt("secret");
    const other = createSecretBox({ secretKey: "key two", dataDir: tempDir() });
    expect(() => other.decrypt(sealed)).toThrow(/altered, or SMARTLINK_SECRET_KEY/);
  });

  it("binds a box to its associated data when given", () => {
    const box = createSecretBox({ secretKey: "k", dataDir: tempDir() });
    const sealed = box.encrypt("token", "connection:app-1");
    expect(box.decrypt(sealed, "connection:app-1")).toBe("token");
    expect(() => box.decrypt(sealed, "connection:app-2")).toThrow(SecretBoxError);
  });

  it("creates a 32-byte key file with mode 0600 when no secret key is configured, and reuses it", () => {
    const dir = join(tempDir(), "nested");
    const first = createSecretBox({ dataDir: dir });
    expect(first.keySource).toBe("file");
    const file = join(dir, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file)).toHaveLength(32);
    const sealed = first.encrypt("survives a restart");
    expect(createSecretBox({ dataDir: dir }).decrypt(sealed)).toBe("survives a restart");
  });

  it("refuses a key file that group or others can read", () => {
    const dir = tempDir();
    writeFileSync(join(dir, KEY_FILE_NAME), Buffer.alloc(32, 7));
    chmodSync(join(dir, KEY_FILE_NAME), 0o644);
    expect(() => createSecretBox({ dataDir: dir })).toThrow(/chmod 600/);
  });

  it("refuses a key file of the wrong length", () => {
    const dir = tempDir();
    writeFileSync(join(dir, KEY_FILE_NAME), Buffer.alloc(16, 7), { mode: 0o600 });
    expect(() => createSecretBox({ dataDir: dir })).toThrow(/exactly 32 bytes/);
  });

  it("writes no key file when SMARTLINK_SECRET_KEY is set", () => {
    const dir = tempDir();
    createSecretBox({ secretKey: "from env", dataDir: dir });
    expect(() => statSync(join(dir, KEY_FILE_NAME))).toThrow();
  });
});
