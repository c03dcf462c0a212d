import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import { createScimClient } from "./client.js";
import { filter } from "./filter.js";
import { clientFor } from "./testing.js";

// A real GC between samples, so the heap figure is what is retained, not garbage not yet collected.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("listAll streams page by page", () => {
  let target: ScimTarget;
  beforeAll(async () => {
    target = await startScimTarget({ profile: "strict" });
    target.seedUsers(100_000, (i) => ({ userName: `u${i}@x.test` }));
  });
  afterAll(() => target.close());

  it("walks 100,000 users holding one page at a time, fetching each page only when the previous is consumed", async () => {
    // No recording observer here: it would keep every response body alive.
    const { client } = clientFor(target, { observer: undefined });
    target.clearRequests();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    const ids = new Set<string>();
    for await (const user of client.users.listAll({ pageSize: 1_000 })) {
      // Lazy: while item n is handled, exactly ceil((n+1)/1000) pages have been requested.
      if (n % 1_000 === 0) expect(target.requests).toHaveLength(n / 1_000 + 1);
      if (n % 20_000 === 10_000) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      if (n % 997 === 0) ids.add(user.id);
      n++;
    }
    expect(n).toBe(100_000);
    expect(ids.size).toBe(Math.ceil(100_000 / 997));
    // 100 pages; after the last one exactly totalResults were seen, so no 101st request.
    expect(target.requests).toHaveLength(100);
    expect(target.requests[1]!.query).toMatchObject({ startIndex: "1001", count: "1000" });
    // All 100,000 users as parsed objects would retain ~50 MB; one page is a few hundred KB.
    expect(peak).toBeLessThan(15 * 1024 * 1024);
    await client.close();
  });

  it("caps the page size at the target's known maximum", async () => {
    const { client } = clientFor(target, { capabilities: { maxPageSize: 50 } });
    target.clearRequests();
    const first = await client.users.pages({ pageSize: 500 }).next();
    expect(first.value).toHaveLength(50);
    expect(target.requests[0]!.query.count).toBe("50");
    await client.close();
  });

  it("searches with a filter and returns one page", async () => {
    const { client } = clientFor(target);
    const found = await client.users.search(filter.eq("userName", "u4242@x.test"));
    expect(found.map((u) => u.userName)).toEqual(["u4242@x.test"]);
    await client.close();
  });
});

describe("cursor pagination (RFC 9865) on the aws profile", () => {
  it("follows nextCursor from an empty first cursor until it is absent", async () => {
    const aws = await startScimTarget({ profile: "aws" });
    aws.seedUsers(250);
    const { client } = clientFor(aws, { capabilities: { pagination: "cursor", maxPageSize: 100 } });
    let n = 0;
    for await (const _ of client.users.listAll()) n++;
    expect(n).toBe(250);
    expect(aws.requests.map((r) => r.query.cursor)).toEqual(["", expect.any(String), expect.any(String)]);
    expect(aws.requests.every((r) => r.query.count === "100" && r.query.startIndex === undefined)).toBe(true);
    await client.close();
    await aws.close();
  });
});

describe("listing survives targets that lie", () => {
  let server: Server;
  let url = "";
  let handler: (q: URLSearchParams) => unknown = () => ({});
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      res.setHeader("content-type", "application/scim+json");
      res.end(JSON.stringify(handler(q)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const users = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `id${from + i}`, userName: `u${from + i}` }));
  const count = async (pagination: "index" | "cursor") => {
    hits = 0;
    const client = createScimClient({
      baseUrl: url,
      credentials: { type: "none" },
      capabilities: { pagination },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    let n = 0;
    for await (const _ of client.users.listAll({ pageSize: 10 })) n++;
    await client.close();
    return n;
  };

  it("stops on an empty page when totalResults claims more than exist", async () => {
    handler = (q) => {
      const start = Number(q.get("startIndex"));
      return { totalResults: 1_000_000, Resources: start > 25 ? [] : users(start, Math.min(10, 26 - start)) };
    };
    expect(await count("index")).toBe(25);
    expect(hits).toBe(4);
  });

  it("keeps going past a totalResults that claims fewer than exist, while pages stay full", async () => {
    handler = (q) => {
      const start = Number(q.get("startIndex"));
      return { totalResults: 5, Resources: start > 30 ? [] : users(start, 10) };
    };
    expect(await count("index")).toBe(30);
  });

  it("stops when the target ignores startIndex and repeats the same page", async () => {
    handler = () => ({ totalResults: 100, Resources: users(1, 10) });
    expect(await count("index")).toBe(10);
    expect(hits).toBe(2);
  });

  it("stops when a cursor target hands back a cursor it already gave", async () => {
    handler = (q) => {
      const c = q.get("cursor");
      return c === ""
        ? { Resources: users(1, 10), nextCursor: "A" }
        : c === "A"
          ? { Resources: users(11, 10), nextCursor: "B" }
          : { Resources: users(21, 10), nextCursor: "A" };
    };
    expect(await count("cursor")).toBe(30);
    expect(hits).toBe(3);
  });

  it("retries a page holding an item without id, then fails as transient rather than skip it", async () => {
    handler = () => ({ totalResults: 3, Resources: [{ userName: "no-id" }, ...users(2, 2)] });
    await expect(count("index")).rejects.toMatchObject({
      category: "transient",
      scimType: "invalidResponse",
    });
    expect(hits).toBe(2);
  });
});
