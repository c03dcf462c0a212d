import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { classify, isScimError, ScimError } from "./errors.js";

describe("classify — the one status/network → category mapping", () => {
  it.each([
    [{ status: 401 }, "config"],
    [{ status: 403 }, "config"],
    [{ networkCode: "ENOTFOUND" }, "config"],
    [{ networkCode: "ERR_INVALID_URL" }, "config"],
    [{ status: 404 }, "notFound"],
    [{ status: 409, scimType: "uniqueness" }, "conflict"],
    [{ status: 400, scimType: "uniqueness" }, "conflict"],
    [{ status: 412 }, "conflict"],
    [{ status: 429 }, "transient"],
    [{ status: 500 }, "transient"],
    [{ status: 503 }, "transient"],
    [{ networkCode: "ECONNRESET" }, "transient"],
    [{ networkCode: "UND_ERR_SOCKET" }, "transient"],
    [{ networkCode: "timeout" }, "transient"],
    [{ networkCode: "ECONNREFUSED" }, "transient"],
    [{ status: 400, scimType: "invalidFilter" }, "rejected"],
    [{ status: 400, scimType: "mutability" }, "rejected"],
    [{ status: 405 }, "rejected"],
    [{ status: 413 }, "rejected"],
    [{ status: 501 }, "rejected"],
  ] as const)("maps %o to %s", (facts, category) => {
    expect(classify(facts)).toBe(category);
  });
});

describe("ScimError", () => {
  it("carries status, scimType, detail and category, and serialises without request data", () => {
    const err = ScimError.from({
      status: 409,
      scimType: "uniqueness",
      detail: "userName taken",
      method: "POST",
      path: "/Users",
    });
    expect(err).toMatchObject({
      status: 409,
      scimType: "uniqueness",
      detail: "userName taken",
      category: "conflict",
    });
    expect(err.message).toBe("POST /Users failed (conflict): HTTP 409 uniqueness: userName taken");
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ category: "conflict", status: 409 });
    expect(inspect(err)).toContain("conflict");
    expect(isScimError(err, "conflict")).toBe(true);
    expect(isScimError(err, "transient")).toBe(false);
  });
});
