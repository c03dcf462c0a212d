import { describe, expect, it } from "vitest";
import { filter, quoteValue, valuePath } from "./filter.js";

describe("filter builder (RFC 7644 §3.4.2.2)", () => {
  it("quotes string values and escapes quotes and backslashes", () => {
    expect(filter.eq("userName", 'a"b\\c')).toBe('userName eq "a\\"b\\\\c"');
    expect(quoteValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it("leaves booleans, numbers and null unquoted", () => {
    expect(filter.eq("active", true)).toBe("active eq true");
    expect(filter.gt("meta.version", 3)).toBe("meta.version gt 3");
    expect(filter.eq("title", null)).toBe("title eq null");
  });

  it("joins comparisons with and without parentheses so eq/and-only targets parse them", () => {
    expect(filter.and(filter.eq("userName", "a"), filter.eq("active", true))).toBe(
      'userName eq "a" and active eq true',
    );
  });

  it("parenthesises an or inside an and but not an or inside a quoted value", () => {
    const either = filter.or(filter.eq("a", "x"), filter.eq("b", "y"));
    expect(filter.and(either, filter.pr("c"))).toBe('(a eq "x" or b eq "y") and c pr');
    expect(filter.and(filter.eq("a", "x or y"), filter.pr("c"))).toBe('a eq "x or y" and c pr');
  });

  it("accepts schema-qualified attribute paths", () => {
    expect(filter.eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "7")).toBe(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"',
    );
  });

  it("refuses attribute paths that would inject filter syntax", () => {
    expect(() => filter.eq('userName eq "x" or userName', "y")).toThrow(/invalid SCIM attribute path/);
    expect(() => filter.and()).toThrow();
  });

  it('builds PATCH value paths like emails[type eq "work"].value', () => {
    expect(valuePath("emails", filter.eq("type", "work"), "value")).toBe('emails[type eq "work"].value');
    expect(valuePath("members", filter.eq("value", "abc"))).toBe('members[value eq "abc"]');
  });
});
