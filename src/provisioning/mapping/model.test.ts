import { describe, expect, it } from "vitest";
import { DEFAULT_USER_MAPPING, type MappingEntry, userMappingSchema } from "./model.js";

const entry = (target: string, attribute = "email"): MappingEntry => ({
  target,
  source: { type: "attribute", attribute },
});

describe("userMappingSchema", () => {
  it("accepts the default mapping unchanged", () => {
    expect(userMappingSchema.parse(DEFAULT_USER_MAPPING)).toEqual(DEFAULT_USER_MAPPING);
  });

  it("accepts extra attributes and constants of each scalar type", () => {
    const mapping = [
      entry("userName"),
      entry("title", "attributes.job_title"),
      entry("nickName", "attributes.profile.nick-name"),
      { target: "userType", source: { type: "constant", value: "Employee" } },
      { target: "active", source: { type: "constant", value: true } },
      { target: "urn:example:2.0:User:level", source: { type: "constant", value: 3 } },
    ];
    expect(userMappingSchema.parse(mapping)).toEqual(mapping);
  });

  it("rejects a source attribute that is neither a user field nor attributes.<key>", () => {
    const result = userMappingSchema.safeParse([entry("userName", "phone"), entry("title", "attributes.")]);
    expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual(
      [0, 1].map((index) => ({
        path: [index, "source", "attribute"],
        message:
          'must be one of email, firstName, lastName, displayName, active, id or attributes.<key> (key: letters, digits, "_", ".", "-")',
      })),
    );
  });

  it("rejects the same target twice, compared case-insensitively", () => {
    const result = userMappingSchema.safeParse([entry("userName"), entry("displayName"), entry("USERNAME")]);
    expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: [2, "target"], message: '"USERNAME" is already mapped by entry 1' },
    ]);
  });

  it("rejects an empty mapping and one of more than 100 entries", () => {
    expect(userMappingSchema.safeParse([]).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, i) => entry(`urn:example:2.0:User:a${i}`));
    expect(userMappingSchema.safeParse(many).success).toBe(false);
  });

  it("rejects unknown keys, so a typo does not pass silently", () => {
    const result = userMappingSchema.safeParse([
      { target: "userName", source: { type: "attribute", attribute: "email", x: 1 } },
    ]);
    expect(result.success).toBe(false);
  });
});

describe("DEFAULT_USER_MAPPING", () => {
  it("maps the fields DESIGN.md lists, in order", () => {
    expect(
      DEFAULT_USER_MAPPING.map((e) => [e.target, e.source.type === "attribute" ? e.source.attribute : null]),
    ).toEqual([
      ["userName", "email"],
      ["name.givenName", "firstName"],
      ["name.familyName", "lastName"],
      ["displayName", "displayName"],
      ['emails[type eq "work"].value', "email"],
      ["active", "active"],
      ["externalId", "id"],
    ]);
  });

  it("cannot be changed by accident", () => {
    expect(() => DEFAULT_USER_MAPPING.push(entry("title"))).toThrow(TypeError);
  });
});
