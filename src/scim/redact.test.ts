import { describe, expect, it } from "vitest";
import { patchBody } from "./patch.js";
import { REDACTED, redact } from "./redact.js";

describe("redaction", () => {
  it("redacts password and secret-named keys at any depth", () => {
    const out = redact({
      userName: "a",
      password: "p4ss",
      nested: { list: [{ client_secret: "x", Authorization: "Bearer y", ok: 1 }] },
      Operations: [{ op: "replace", path: "password", value: "hunter2" }],
    }) as Record<string, unknown>;
    expect(out).toMatchObject({
      userName: "a",
      password: REDACTED,
      nested: { list: [{ client_secret: REDACTED, Authorization: REDACTED, ok: 1 }] },
    });
    // Known secret values (tokens) are scrubbed from any string, e.g. a server's error detail.
    expect(JSON.stringify(redact({ detail: "token abcd1234 rejected" }, ["abcd1234"]))).not.toContain(
      "abcd1234",
    );
  });

  it("redacts the value of a PATCH operation that sets the password", () => {
    const body = patchBody([{ op: "replace", path: "password", value: "hunter2" }]);
    expect(JSON.stringify(redact(body))).not.toContain("hunter2");
  });
});
