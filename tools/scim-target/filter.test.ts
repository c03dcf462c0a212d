import { describe, expect, it } from "vitest";
import { compileFilter } from "./filter.js";
import { SEARCH_SCHEMA } from "./schemas.js";
import { client, q, target } from "./test-helpers.js";

async function seeded() {
  const t = await target();
  t.seedUsers(3, (i) => ({
    userName: ["ada@example.com", "bob@corp.io", "cy@example.com"][i],
    displayName: ["Ada", "Bob", "Cy"][i],
    active: i !== 1,
    ...(i === 2 ? { title: "Boss" } : {}),
  }));
  return { t, call: client(t) };
}

const names = (body: { Resources: { userName: string }[] }) => body.Resources.map((r) => r.userName);

describe("filters", () => {
  it("matches userName eq case-insensitively through the index", async () => {
    const { call } = await seeded();
    const r = await call("GET", `/Users${q('userName eq "ADA@example.com"')}`);
    expect(r.body.totalResults).toBe(1);
    expect(names(r.body)).toEqual(["ada@example.com"]);
    expect((await call("GET", `/Users${q('userName eq "nobody"')}`)).body.totalResults).toBe(0);
  });

  it("supports co, sw, and, or, pr and not", async () => {
    const { call } = await seeded();
    const get = async (f: string) => names((await call("GET", `/Users${q(f)}`)).body);
    expect(await get('userName co "example"')).toEqual(["ada@example.com", "cy@example.com"]);
    expect(await get('userName sw "B"')).toEqual(["bob@corp.io"]);
    expect(await get('userName co "example" and active eq true and displayName eq "cy"')).toEqual([
      "cy@example.com",
    ]);
    expect(await get('displayName eq "Ada" or displayName eq "Bob"')).toEqual([
      "ada@example.com",
      "bob@corp.io",
    ]);
    expect(await get("title pr")).toEqual(["cy@example.com"]);
    expect(await get("not (active eq true)")).toEqual(["bob@corp.io"]);
    expect(await get('emails[type eq "work" and value ew "corp.io"]')).toEqual(["bob@corp.io"]);
  });

  it('decodes \\" and \\\\ inside quoted values as JSON strings', async () => {
    const t = await target();
    t.seedUsers(2, (i) => ({ userName: ['say "hi"', "back\\slash"][i] }));
    const call = client(t);
    expect(names((await call("GET", `/Users${q('userName eq "say \\"hi\\""')}`)).body)).toEqual(['say "hi"']);
    expect(names((await call("GET", `/Users${q('userName eq "back\\\\slash"')}`)).body)).toEqual([
      "back\\slash",
    ]);
    expect(compileFilter('displayName co "a\\\\b"', "username", false).test({ displayName: "xa\\bx" })).toBe(
      true,
    );
  });

  it("accepts attribute names with the core schema URN", () => {
    const f = compileFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"', "username", false);
    expect(f.indexKey).toBe("a");
  });

  it("compares externalId case-exactly", () => {
    expect(compileFilter('externalId eq "AbC"', "username", false).test({ externalId: "abc" })).toBe(false);
  });

  it("answers 400 invalidFilter to a malformed filter", async () => {
    const { call } = await seeded();
    const r = await call("GET", `/Users${q('userName eq "unterminated')}`);
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe("invalidFilter");
  });

  it("serves POST /.search with the filter in the body", async () => {
    const { call } = await seeded();
    const r = await call("POST", "/Users/.search", {
      schemas: [SEARCH_SCHEMA],
      filter: 'userName sw "c"',
      attributes: ["userName"],
    });
    expect(r.status).toBe(200);
    expect(r.body.Resources).toEqual([
      { schemas: expect.any(Array), id: expect.any(String), userName: "cy@example.com" },
    ]);
  });
});

describe("attributes and excludedAttributes", () => {
  it("returns only the requested attributes plus id and schemas", async () => {
    const { call } = await seeded();
    const r = await call(
      "GET",
      `/Users?attributes=userName,emails.value&filter=${encodeURIComponent('displayName eq "Ada"')}`,
    );
    expect(r.body.Resources[0]).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: expect.any(String),
      userName: "ada@example.com",
      emails: [{ value: "ada@example.com" }],
    });
  });

  it("drops excluded attributes but never id", async () => {
    const { t, call } = await seeded();
    const id = t.users()[0]!.id;
    const r = await call("GET", `/Users/${id}?excludedAttributes=emails,name.givenName,id,meta`);
    expect(r.body.id).toBe(id);
    expect(r.body.emails).toBeUndefined();
    expect(r.body.meta).toBeUndefined();
    expect(r.body.name).toEqual({ familyName: "0" });
  });
});

describe("/.search in strict", () => {
  it("requires the SearchRequest schema", async () => {
    const t = await target();
    const r = await client(t)("POST", "/Users/.search", { filter: 'userName eq "a"' });
    expect(r.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
  });
});
