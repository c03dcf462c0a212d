import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors.js";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_USER } from "../../scim/index.js";
import { buildScimUser, type MappableUser } from "./build.js";
import { DEFAULT_USER_MAPPING, type MappingEntry } from "./model.js";

const ada: MappableUser = {
  id: "u_1",
  email: "ada@example.com",
  firstName: "Ada",
  lastName: "Lovelace",
  displayName: "Ada Lovelace",
  active: true,
  attributes: { department: "R&D", employeeNumber: 42, manager: { id: "u_0" }, mobile: "+33 6 00", home: "" },
};
const attr = (target: string, attribute: string): MappingEntry => ({
  target,
  source: { type: "attribute", attribute },
});
const constant = (target: string, value: string | number | boolean): MappingEntry => ({
  target,
  source: { type: "constant", value },
});
const ENT = SCHEMA_ENTERPRISE_USER;

describe("buildScimUser", () => {
  it("builds the full account from the default mapping", () => {
    expect(buildScimUser(DEFAULT_USER_MAPPING, ada)).toEqual({
      schemas: [SCHEMA_USER],
      userName: "ada@example.com",
      name: { givenName: "Ada", familyName: "Lovelace" },
      displayName: "Ada Lovelace",
      emails: [{ value: "ada@example.com", type: "work", primary: true }],
      active: true,
      externalId: "u_1",
    });
  });

  it("writes keys in a stable order: schemas, then the mapping's order, RFC order inside values", () => {
    expect(JSON.stringify(buildScimUser(DEFAULT_USER_MAPPING, ada))).toBe(
      `{"schemas":["${SCHEMA_USER}"],"userName":"ada@example.com","name":{"givenName":"Ada","familyName":"Lovelace"},` +
        `"displayName":"Ada Lovelace","emails":[{"value":"ada@example.com","type":"work","primary":true}],` +
        `"active":true,"externalId":"u_1"}`,
    );
  });

  it("puts enterprise attributes under their URN and lists the URN in schemas", () => {
    const mapping = [
      attr("userName", "email"),
      attr(`${ENT}:department`, "attributes.department"),
      attr(`${ENT}:employeeNumber`, "attributes.employeeNumber"),
      attr(`${ENT}:manager.value`, "attributes.manager.id"),
      attr("displayName", "displayName"),
    ];
    expect(buildScimUser(mapping, ada)).toEqual({
      schemas: [SCHEMA_USER, ENT],
      userName: "ada@example.com",
      displayName: "Ada Lovelace",
      [ENT]: { department: "R&D", employeeNumber: "42", manager: { value: "u_0" } },
    });
  });

  it("sends constants as they are, including false", () => {
    const mapping = [attr("userName", "email"), constant("userType", "Employee"), constant("active", false)];
    expect(buildScimUser(mapping, ada)).toEqual({
      schemas: [SCHEMA_USER],
      userName: "ada@example.com",
      userType: "Employee",
      active: false,
    });
  });

  it("skips empty, blank, null and missing values but keeps a false active", () => {
    const user = { ...ada, firstName: "", lastName: "  ", displayName: "", active: false };
    const mapping = [
      ...DEFAULT_USER_MAPPING,
      attr("title", "attributes.missing"),
      attr("nickName", "attributes.home"),
      attr("profileUrl", "attributes.manager"),
    ];
    expect(buildScimUser(mapping, user)).toEqual({
      schemas: [SCHEMA_USER],
      userName: "ada@example.com",
      emails: [{ value: "ada@example.com", type: "work", primary: true }],
      active: false,
      externalId: "u_1",
    });
  });

  it("gives one element per type and marks only the first phone number primary", () => {
    const mapping = [
      attr("userName", "email"),
      attr('phoneNumbers[type eq "mobile"].value', "attributes.mobile"),
      constant('phoneNumbers[type eq "work"].value', "+33 1 00"),
      constant('phoneNumbers[type eq "work"].display', "Office"),
    ];
    expect(buildScimUser(mapping, ada).phoneNumbers).toEqual([
      { value: "+33 6 00", type: "mobile", primary: true },
      { value: "+33 1 00", display: "Office", type: "work" },
    ]);
  });

  it("marks the element a filter names primary instead of the first one", () => {
    const mapping = [
      attr("userName", "email"),
      constant('emails[type eq "home"].value', "ada@home.example"),
      attr('emails[type eq "work" and primary eq true].value', "email"),
    ];
    expect(buildScimUser(mapping, ada).emails).toEqual([
      { value: "ada@home.example", type: "home" },
      { value: "ada@example.com", type: "work", primary: true },
    ]);
  });

  it("spells known attributes as the RFC does whatever the mapping's case", () => {
    const mapping = [
      attr("USERNAME", "email"),
      attr("Name.GivenName", "firstName"),
      attr("name.familyname", "lastName"),
    ];
    expect(buildScimUser(mapping, ada)).toEqual({
      schemas: [SCHEMA_USER],
      userName: "ada@example.com",
      name: { givenName: "Ada", familyName: "Lovelace" },
    });
  });

  it("refuses to build an account without a userName", () => {
    const mapping = [attr("userName", "attributes.login"), attr("displayName", "displayName")];
    expect(() => buildScimUser(mapping, ada)).toThrow(
      new DomainError(
        "invalid",
        "mapping.user_name_missing",
        "Cannot build the account of ada@example.com: userName is required (RFC 7643 §4.1.1) and its source attributes.login is empty",
        { userId: "u_1" },
      ),
    );
  });

  it("fails loudly on a target that does not parse", () => {
    let error: unknown;
    try {
      buildScimUser([attr("userName", "email"), attr("name.givenName.x", "firstName")], ada);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect({ ...(error as DomainError), message: (error as DomainError).message }).toEqual({
      name: "DomainError",
      kind: "invalid",
      code: "mapping.invalid_path",
      message:
        '"name.givenName.x": too deep; SCIM attributes have at most one level of sub-attributes (RFC 7643 §2.3.8)',
      details: { target: "name.givenName.x" },
    });
  });
});
