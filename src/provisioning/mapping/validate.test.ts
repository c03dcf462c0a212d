import { describe, expect, it } from "vitest";
import {
  CORE_SCHEMAS,
  CORE_USER_SCHEMA,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_USER,
  type ScimSchema,
} from "../../scim/index.js";
import { DEFAULT_USER_MAPPING, type MappingEntry } from "./model.js";
import { type MappingIssue, validateMapping } from "./validate.js";

const ENT = SCHEMA_ENTERPRISE_USER;
const attr = (target: string, attribute = "email"): MappingEntry => ({
  target,
  source: { type: "attribute", attribute },
});
const constant = (target: string, value: string | number | boolean): MappingEntry => ({
  target,
  source: { type: "constant", value },
});
const userName = attr("userName");

/** The issues of `[userName, entry]` (so only `entry`'s own issues show), against the RFC schemas. */
const issuesOf = (entry: MappingEntry, schemas: readonly ScimSchema[] = []): MappingIssue[] =>
  validateMapping([userName, entry], schemas);
const one = (target: string, code: MappingIssue["code"], message: string): MappingIssue[] => [
  { index: 1, target, code, message },
];

describe("validateMapping", () => {
  it("accepts the default mapping against the RFC schemas, given or not", () => {
    expect(validateMapping(DEFAULT_USER_MAPPING, CORE_SCHEMAS)).toEqual([]);
    expect(validateMapping(DEFAULT_USER_MAPPING, [])).toEqual([]);
  });

  it("accepts enterprise attributes, constants of the right type and names in any case", () => {
    const mapping = [
      attr("USERNAME"),
      attr(`${ENT}:department`, "attributes.department"),
      attr(`${ENT.toUpperCase()}:Manager.Value`, "attributes.managerId"),
      constant("userType", "Employee"),
      constant("active", true),
      attr('phoneNumbers[type eq "mobile"]', "attributes.mobile"),
    ];
    expect(validateMapping(mapping, [])).toEqual([]);
  });

  it("reports a target that does not parse", () => {
    expect(issuesOf(attr("name x"))).toEqual(
      one(
        "name x",
        "invalid_path",
        '"name x": "name x" is not a valid attribute name (letters, digits, "_" and "-", starting with a letter)',
      ),
    );
  });

  it("reports an extension schema the target does not offer", () => {
    const target = "urn:example:scim:acme:2.0:User:badge";
    expect(issuesOf(attr(target), [CORE_USER_SCHEMA])).toEqual(
      one(
        target,
        "unknown_schema",
        `"${target}": the target does not offer the schema urn:example:scim:acme:2.0:User (it offers no extension)`,
      ),
    );
  });

  it("reports an unknown attribute and lists the known ones", () => {
    const schema: ScimSchema = {
      id: SCHEMA_USER,
      name: "User",
      attributes: [
        { name: "userName", type: "string" },
        { name: "displayName", type: "string" },
      ],
    };
    expect(issuesOf(attr("nickName"), [schema])).toEqual(
      one(
        "nickName",
        "unknown_attribute",
        `"nickName" is not an attribute of the target's User schema (known: displayName, externalId, userName)`,
      ),
    );
  });

  it("reports an unknown sub-attribute and lists the known ones", () => {
    expect(issuesOf(attr("name.nickName", "firstName"))).toEqual(
      one(
        "name.nickName",
        "unknown_sub_attribute",
        `"name.nickName" is not an attribute of the target's User schema (known: familyName, formatted, givenName, honorificPrefix, honorificSuffix, middleName)`,
      ),
    );
  });

  it.each([
    ["id", "id", `"id" is read-only in the target's User schema: the target sets it (RFC 7643 §7)`],
    [
      "meta.created",
      "meta",
      `"meta" is read-only in the target's User schema: the target sets it (RFC 7643 §7)`,
    ],
    [
      'groups[type eq "direct"].value',
      "groups",
      `"groups" is read-only in the target's User schema: the target sets it (RFC 7643 §7)`,
    ],
    [
      `${ENT}:manager.displayName`,
      "manager.displayName",
      `"manager.displayName" is read-only in the target's EnterpriseUser schema: the target sets it (RFC 7643 §7)`,
    ],
  ])("rejects a read-only target such as %s", (target, _name, message) => {
    expect(issuesOf(attr(target, "id"))).toEqual(one(target, "read_only", message));
  });

  it.each([
    [attr("displayName", "active"), `"displayName" needs a string, but active is a boolean`],
    [
      constant("title", true),
      `"title" needs a string, but the constant true is a boolean (write it as "true")`,
    ],
    [constant("title", 7), `"title" needs a string, but the constant 7 is a number (write it as "7")`],
    [attr("active", "attributes.enabled"), `"active" needs a boolean, but attributes.enabled is a string`],
    [
      attr("name", "firstName"),
      `"name" is complex; map one of its sub-attributes (familyName, formatted, givenName, honorificPrefix, honorificSuffix, middleName)`,
    ],
    [
      attr('displayName[type eq "work"]'),
      `"displayName[type eq "work"]": "displayName" is single-valued, so it cannot have a [type eq …] filter`,
    ],
    [
      attr("emails.value"),
      `"emails.value": "emails" is multi-valued; pick one value with a filter, e.g. emails[type eq "work"].value`,
    ],
    [
      attr('emails[type eq "work"].primary'),
      `"emails[type eq "work"].primary" needs a boolean, but email is a string`,
    ],
  ])("reports a type mismatch: %j", (entry, message) => {
    expect(issuesOf(entry)).toEqual(one(entry.target, "type_mismatch", message));
  });

  it("checks integer attributes of a target's extension against the constant's value", () => {
    const ext: ScimSchema = {
      id: "urn:example:scim:acme:2.0:User",
      name: "Acme",
      attributes: [{ name: "level", type: "integer" }],
    };
    const target = "urn:example:scim:acme:2.0:User:level";
    expect(issuesOf(constant(target, 3), [CORE_USER_SCHEMA, ext])).toEqual([]);
    expect(issuesOf(constant(target, 1.5), [CORE_USER_SCHEMA, ext])).toEqual(
      one(target, "type_mismatch", `"${target}" needs an integer, but the constant 1.5 is a number`),
    );
  });

  it("reports a target mapped twice, compared case-insensitively", () => {
    expect(
      validateMapping([userName, attr("displayName", "displayName"), attr("DisplayName", "firstName")], []),
    ).toEqual([
      {
        index: 2,
        target: "DisplayName",
        code: "duplicate_target",
        message: '"DisplayName" is already mapped by entry 2: keep one of them',
      },
    ]);
  });

  it("reports a mapping without userName, which RFC 7643 §4.1.1 requires", () => {
    expect(validateMapping([attr("displayName", "displayName")], [])).toEqual([
      {
        index: null,
        target: "userName",
        code: "missing_user_name",
        message:
          'No entry maps "userName", which every account needs (RFC 7643 §4.1.1); the default maps it from email',
      },
    ]);
  });

  it("reports every problem of a mapping at once, in entry order", () => {
    const issues = validateMapping([attr("id", "id"), attr("nickName2"), attr("nickname2")], []);
    expect(issues.map((i) => [i.index, i.code])).toEqual([
      [0, "read_only"],
      [1, "unknown_attribute"],
      [2, "duplicate_target"],
      [2, "unknown_attribute"],
      [null, "missing_user_name"],
    ]);
  });
});
