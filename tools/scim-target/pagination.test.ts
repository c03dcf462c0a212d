import { describe, expect, it } from "vitest";
import { client, q, target } from "./test-helpers.js";

describe("index pagination", () => {
  it("pages with startIndex and count and reports totalResults and itemsPerPage", async () => {
    const t = await target();
    t.seedUsers(25);
    const call = client(t);
    const r = await call("GET", "/Users?startIndex=11&count=10");
    expect(r.body).toMatchObject({ totalResults: 25, startIndex: 11, itemsPerPage: 10 });
    expect(r.body.Resources[0].userName).toBe("user10@example.com");
    const last = await call("GET", "/Users?startIndex=21&count=10");
    expect(last.body.itemsPerPage).toBe(5);
  });

  it("treats startIndex below 1 as 1 and count 0 as a totals-only query", async () => {
    const t = await target();
    t.seedUsers(5);
    const call = client(t);
    expect((await call("GET", "/Users?startIndex=0&count=2")).body).toMatchObject({
      startIndex: 1,
      itemsPerPage: 2,
    });
    const zero = await call("GET", "/Users?count=0");
    expect(zero.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });

  it("caps count at maxPageSize", async () => {
    const t = await target({ maxPageSize: 3 });
    t.seedUsers(5);
    expect((await client(t)("GET", "/Users?count=100")).body.itemsPerPage).toBe(3);
  });

  it("sorts by sortBy and sortOrder", async () => {
    const t = await target();
    t.seedUsers(3, (i) => ({ userName: ["b", "c", "a"][i] }));
    const r = await client(t)("GET", "/Users?sortBy=userName&sortOrder=descending");
    expect(r.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(["c", "b", "a"]);
  });

  it("seeds 100,000 users and pages through all of them with count=1000", async () => {
    const t = await target();
    // Seeding speed is measured by bench/scim-target.bench.ts, not asserted here.
    t.seedUsers(100_000);
    const call = client(t);
    const seen = new Set<string>();
    for (let start = 1; start <= 100_000; start += 1000) {
      const r = await call("GET", `/Users?startIndex=${start}&count=1000`);
      expect(r.body.itemsPerPage).toBe(1000);
      for (const u of r.body.Resources) seen.add(u.id);
    }
    expect(seen.size).toBe(100_000);
    const one = await call("GET", `/Users${q('userName eq "user99999@example.com"')}`);
    expect(one.body.totalResults).toBe(1);
  });
});

describe("aws cursor pagination (RFC 9865)", () => {
  it("walks every page with cursor and nextCursor, 100 at most per page", async () => {
    const t = await target({ profile: "aws" });
    t.seedUsers(250);
    const call = client(t);
    const ids: string[] = [];
    let cursor = "";
    let pages = 0;
    for (;;) {
      const r = await call("GET", `/Users?count=500&cursor=${encodeURIComponent(cursor)}`);
      pages++;
      expect(r.body.itemsPerPage).toBeLessThanOrEqual(100);
      expect(r.body.startIndex).toBeUndefined();
      ids.push(...r.body.Resources.map((u: { id: string }) => u.id));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(250);
  });

  it("answers 400 invalidCursor to a cursor it did not issue", async () => {
    const t = await target({ profile: "aws" });
    const r = await client(t)("GET", "/Users?cursor=bogus");
    expect(r.body).toMatchObject({ status: "400", scimType: "invalidCursor" });
  });
});
