import { describe, expect, it } from "vitest";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_USER } from "../../scim/index.js";
import { diffToPatch, hashSent } from "./diff.js";

const ENT = SCHEMA_ENTERPRISE_USER;
const sent = {
  schemas: [SCHEMA_USER, ENT],
  userName: "ada@example.com",
  name: { givenName: "Ada", familyName: "Lovelace" },
  displayName: "Ada Lovelace",
  emails: [{ value: "ada@example.com", type: "work", primary: true }],
  active: true,
  externalId: "u_1",
  [ENT]: { department: "R&D", manager: { value: "u_0" } },
};

describe("diffToPatch", () => {
  it("returns no operation when nothing changed, whatever the key order", () => {
    const reordered = { ...sent, name: { familyName: "Lovelace", givenName: "Ada" } };
    expect(diffToPatch(sent, structuredClone(sent))).toEqual([]);
    expect(diffToPatch(sent, reordered)).toEqual([]);
  });

  it("replaces a changed name as one complex value", () => {
    const next = { ...sent, name: { givenName: "Augusta", familyName: "Lovelace" } };
    expect(diffToPatch(sent, next)).toEqual([
      { op: "replace", path: "name", value: { givenName: "Augusta", familyName: "Lovelace" } },
    ]);
  });

  it("replaces userName and the whole emails array when the email changes", () => {
    const next = {
      ...sent,
      userName: "ada@lovelace.example",
      emails: [{ value: "ada@lovelace.example", type: "work", primary: true }],
    };
    expect(diffToPatch(sent, next)).toEqual([
      { op: "replace", path: "userName", value: "ada@lovelace.example" },
      {
        op: "replace",
        path: "emails",
        value: [{ value: "ada@lovelace.example", type: "work", primary: true }],
      },
    ]);
  });

  it("removes an attribute that disappeared, but never userName, active or schemas", () => {
    const { displayName: _d, active: _a, userName: _u, schemas: _s, ...next } = sent;
    expect(diffToPatch(sent, next)).toEqual([{ op: "remove", path: "displayName" }]);
  });

  it("removes a sub-attribute that disappeared from a complex value", () => {
    const next = { ...sent, name: { givenName: "Ada" } };
    expect(diffToPatch(sent, next)).toEqual([
      { op: "replace", path: "name", value: { givenName: "Ada" } },
      { op: "remove", path: "name.familyName" },
    ]);
  });

  it("patches extension attributes one by one on URN-prefixed paths", () => {
    const next = { ...sent, [ENT]: { department: "Analytics", costCenter: "CC-7" } };
    expect(diffToPatch(sent, next)).toEqual([
      { op: "replace", path: `${ENT}:department`, value: "Analytics" },
      { op: "replace", path: `${ENT}:costCenter`, value: "CC-7" },
      { op: "remove", path: `${ENT}:manager` },
    ]);
  });

  it("removes each attribute of an extension that disappeared entirely", () => {
    const { [ENT]: _e, ...next } = sent;
    expect(diffToPatch(sent, { ...next, schemas: [SCHEMA_USER] })).toEqual([
      { op: "remove", path: `${ENT}:department` },
      { op: "remove", path: `${ENT}:manager` },
    ]);
  });

  it("replaces every attribute when nothing is known of what was sent", () => {
    const next = { schemas: [SCHEMA_USER], userName: "ada@example.com", active: false };
    expect(diffToPatch(undefined, next)).toEqual([
      { op: "replace", path: "userName", value: "ada@example.com" },
      { op: "replace", path: "active", value: false },
    ]);
  });
});

describe("hashSent", () => {
  it("is the sha256 of the canonical JSON, the same whatever the key order", () => {
    const expected = "d21c2213e78806496ecdb699313e5515d61858241350d082a61809ea3fbfcb13";
    expect(hashSent({ b: 1, a: { d: [2, 1], c: 3 } })).toBe(expected);
    expect(hashSent({ a: { c: 3, d: [2, 1] }, b: 1 })).toBe(expected);
  });

  it("changes when a value or the order of a multi-valued attribute changes", () => {
    const base = hashSent({ a: { c: 3, d: [2, 1] }, b: 1 });
    expect(hashSent({ a: { c: 3, d: [1, 2] }, b: 1 })).not.toBe(base);
    expect(hashSent({ a: { c: 4, d: [2, 1] }, b: 1 })).not.toBe(base);
  });

  it("ignores undefined members, as they are never sent", () => {
    expect(hashSent({ a: 1, b: undefined })).toBe(hashSent({ a: 1 }));
  });
});
