import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_USER } from "../../scim/index.js";
import { formatPath, parsePath, targetKey } from "./paths.js";

describe("parsePath", () => {
  it("reads a plain core attribute under the core User schema", () => {
    expect(parsePath("userName")).toEqual({ ok: true, path: { schema: SCHEMA_USER, attribute: "userName" } });
  });

  it("reads a sub-attribute", () => {
    expect(parsePath("name.givenName")).toEqual({
      ok: true,
      path: { schema: SCHEMA_USER, attribute: "name", subAttribute: "givenName" },
    });
  });

  it("reads a type filter and the sub-attribute after it", () => {
    expect(parsePath('emails[type eq "work"].value')).toEqual({
      ok: true,
      path: {
        schema: SCHEMA_USER,
        attribute: "emails",
        filter: { attribute: "type", value: "work" },
        subAttribute: "value",
      },
    });
  });

  it("reads a type filter combined with primary eq true, keywords in any case", () => {
    expect(parsePath('phoneNumbers[TYPE Eq "mobile" AND primary eq TRUE]')).toEqual({
      ok: true,
      path: {
        schema: SCHEMA_USER,
        attribute: "phoneNumbers",
        filter: { attribute: "type", value: "mobile", primary: true },
      },
    });
  });

  it("unescapes the quoted filter value, which may contain colons and brackets", () => {
    expect(parsePath('emails[type eq "a:\\"b]"].value')).toEqual({
      ok: true,
      path: {
        schema: SCHEMA_USER,
        attribute: "emails",
        filter: { attribute: "type", value: 'a:"b]' },
        subAttribute: "value",
      },
    });
  });

  it("splits an extension URN from the attribute and its sub-attribute", () => {
    expect(parsePath(`${SCHEMA_ENTERPRISE_USER}:manager.value`)).toEqual({
      ok: true,
      path: { schema: SCHEMA_ENTERPRISE_USER, attribute: "manager", subAttribute: "value" },
    });
  });

  it("normalises an explicit core User URN, whatever its case", () => {
    expect(parsePath("URN:ietf:params:scim:schemas:core:2.0:user:displayName")).toEqual({
      ok: true,
      path: { schema: SCHEMA_USER, attribute: "displayName" },
    });
  });

  it("accepts $ref as a sub-attribute name", () => {
    expect(parsePath(`${SCHEMA_ENTERPRISE_USER}:manager.$ref`)).toEqual({
      ok: true,
      path: { schema: SCHEMA_ENTERPRISE_USER, attribute: "manager", subAttribute: "$ref" },
    });
  });

  it.each([
    ["", "the target path is empty"],
    ["   ", "the target path is empty"],
    [`${SCHEMA_ENTERPRISE_USER}:`, `"${SCHEMA_ENTERPRISE_USER}:": no attribute name after the schema URN`],
    ["urn:x:y", `"urn:x:y": "urn:x" is not a valid schema URN`],
    [
      "na me",
      `"na me": "na me" is not a valid attribute name (letters, digits, "_" and "-", starting with a letter)`,
    ],
    [".value", `".value": the attribute name is missing`],
    ['emails[type eq "work"', `"emails[type eq "work"": the "[" after emails is never closed`],
    [
      'emails[value co "x"].value',
      `"emails[value co "x"].value": unsupported filter [value co "x"]; only [type eq "…"] is supported, optionally followed by "and primary eq true"`,
    ],
    ['emails[type eq ""]', `"emails[type eq ""]": the filter value is empty`],
    [
      'emails[type eq "work"]x',
      `"emails[type eq "work"]x": unexpected "x" after the filter; expected ".subAttribute"`,
    ],
    ["name.", `"name.": the sub-attribute name after "." is missing`],
    [
      "name.givenName.first",
      `"name.givenName.first": too deep; SCIM attributes have at most one level of sub-attributes (RFC 7643 §2.3.8)`,
    ],
  ])("rejects %j with a message saying what is wrong", (text, error) => {
    expect(parsePath(text)).toEqual({ ok: false, error });
  });
});

describe("formatPath and targetKey", () => {
  it("prints core paths without their URN and extension paths with it", () => {
    expect(
      formatPath({
        schema: SCHEMA_USER,
        attribute: "emails",
        filter: { attribute: "type", value: "work" },
        subAttribute: "value",
      }),
    ).toBe('emails[type eq "work"].value');
    expect(formatPath({ schema: SCHEMA_ENTERPRISE_USER, attribute: "department" })).toBe(
      `${SCHEMA_ENTERPRISE_USER}:department`,
    );
  });

  it("gives the same key to targets that differ only by case, core URN, spacing or primary", () => {
    const keys = [
      'emails[type eq "work"].value',
      'EMAILS[type eq "Work"].Value',
      `${SCHEMA_USER}:emails[type  eq "work"].value`,
      'emails[type eq "work" and primary eq true].value',
    ].map(targetKey);
    expect(new Set(keys)).toEqual(new Set(['emails[type eq "work"].value']));
  });
});
