import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("encodes the algorithm, its parameters, the salt and the hash", async () => {
    const encoded = await hashPassword("correct horse battery staple");
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const encoded = await hashPassword("correct horse battery staple", cheap);
    expect(await verifyPassword("correct horse battery staple", encoded)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", encoded)).toBe(false);
  });

  it("salts every hash, so the same password never hashes the same twice", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password!", cheap),
      hashPassword("same password!", cheap),
    ]);
    expect(a).not.toBe(b);
  });

  it("verifies with the parameters stored in the hash, not the current defaults", async () => {
    const encoded = await hashPassword("an old cheap hash", cheap);
    expect(encoded.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("an old cheap hash", encoded)).toBe(true);
  });

  it("treats malformed or absurd hashes as no match instead of throwing", async () => {
    for (const bad of [
      "",
      "bcrypt$x",
      "scrypt$0$8$1$AAAA$AAAA",
      "scrypt$1073741824$8$1$AAAA$AAAA",
      "scrypt$1024$8$1$$",
    ]) {
      expect(await verifyPassword("anything", bad)).toBe(false);
    }
  });

  it("generates 24-character URL-safe passwords that differ each time", () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
