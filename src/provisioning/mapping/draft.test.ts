import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER, type ScimUser } from "../../scim/index.js";
import { readPath, userDraftFromAccount } from "./draft.js";
import { DEFAULT_USER_MAPPING, type MappingEntry } from "./model.js";
import { parsePath } from "./paths.js";

const ENT = SCHEMA_ENTERPRISE_USER;
const account = (extra: Partial<ScimUser> & Record<string, unknown>): ScimUser => ({
  id: "a_1",
  userName: "ada",
  ...extra,
});
const attr = (target: string, attribute: string): MappingEntry => ({
  target,
  source: { type: "attribute", attribute },
});

describe("userDraftFromAccount", () => {
  it("reads every mapped field back from a full account", () => {
    const full = account({
      userName: "ada@example.com",
      externalId: "ignored",
      name: { givenName: "Ada", familyName: "Lovelace" },
      displayName: "Countess of Lovelace",
      emails: [{ value: "ada@example.com", type: "work", primary: true }],
      active: false,
    });
    expect(userDraftFromAccount(full, DEFAULT_USER_MAPPING)).toEqual({
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      displayName: "Countess of Lovelace",
      active: false,
      attributes: {},
    });
  });

  it("takes the work email when the mapped userName is not an email", () => {
    const a = account({
      emails: [
        { value: "ada@home.example", type: "home" },
        { value: "ada@example.com", type: "work" },
      ],
    });
    expect(userDraftFromAccount(a, DEFAULT_USER_MAPPING).email).toBe("ada@example.com");
  });

  it("prefers the primary email, then the work email, then any email", () => {
    const mapping = [attr("userName", "email")];
    const primary = account({
      emails: [
        { value: "w@example.com", type: "work" },
        { value: "p@example.com", type: "other", primary: true },
      ],
    });
    const work = account({
      emails: [
        { value: "h@example.com", type: "home" },
        { value: "w@example.com", type: "Work" },
      ],
    });
    const any = account({ emails: [{ value: "not an email" }, { value: "h@example.com", type: "home" }] });
    expect([primary, work, any].map((a) => userDraftFromAccount(a, mapping).email)).toEqual([
      "p@example.com",
      "w@example.com",
      "h@example.com",
    ]);
  });

  it("falls back to a userName that looks like an email, and to undefined when there is none", () => {
    const mapping = [attr("title", "email")];
    expect(userDraftFromAccount(account({ userName: "ada@example.com" }), mapping).email).toBe(
      "ada@example.com",
    );
    expect(userDraftFromAccount(account({ userName: "ada" }), mapping).email).toBeUndefined();
  });

  it("falls back to name.givenName and name.familyName, and builds the display name from them", () => {
    const a = account({ name: { givenName: "Ada", familyName: "Lovelace" } });
    expect(userDraftFromAccount(a, [attr("userName", "email")])).toEqual({
      email: undefined,
      firstName: "Ada",
      lastName: "Lovelace",
      displayName: "Ada Lovelace",
      active: true,
      attributes: {},
    });
  });

  it("uses the userName as display name when the account has no name at all", () => {
    expect(userDraftFromAccount(account({ userName: "ada" }), DEFAULT_USER_MAPPING)).toEqual({
      email: undefined,
      firstName: "",
      lastName: "",
      displayName: "ada",
      active: true,
      attributes: {},
    });
  });

  it("reads extra attributes and tolerates targets that spell names and booleans their own way", () => {
    const a = account({
      UserName: "ignored",
      Name: { GivenName: "Ada" },
      Emails: [{ Value: "ada@example.com", Type: "WORK" }],
      Active: "False",
      [ENT.toLowerCase()]: { Department: "R&D", manager: { value: "m_1" } },
    });
    const mapping = [
      ...DEFAULT_USER_MAPPING,
      attr(`${ENT}:department`, "attributes.department"),
      attr(`${ENT}:manager.value`, "attributes.managerId"),
      attr(`${ENT}:costCenter`, "attributes.costCenter"),
    ];
    expect(userDraftFromAccount(a, mapping)).toEqual({
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "",
      displayName: "Ada",
      active: false,
      attributes: { department: "R&D", managerId: "m_1" },
    });
  });
});

describe("readPath", () => {
  it("reads the element a filter selects, requiring primary when the filter does", () => {
    const a = account({
      emails: [
        { value: "a@example.com", type: "work" },
        { value: "b@example.com", type: "work", primary: true },
      ],
    });
    const path = (t: string) => {
      const p = parsePath(t);
      if (!p.ok) throw new Error(p.error);
      return p.path;
    };
    expect(readPath(a, path('emails[type eq "work"].value'))).toBe("a@example.com");
    expect(readPath(a, path('emails[type eq "work" and primary eq true]'))).toBe("b@example.com");
    expect(readPath(a, path('emails[type eq "home"].value'))).toBeUndefined();
  });
});
