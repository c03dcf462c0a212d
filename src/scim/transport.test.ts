import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScimClient } from "./client.js";
import { fakeClock } from "./testing.js";

let server: Server;
let base = "";
let connections = 0;
let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {};
beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  connections = 0;
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/scim+json", ...headers });
  res.end(JSON.stringify(body));
};

describe("transport", () => {
  it("reuses keep-alive connections, never opening more than maxConcurrency", async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, { id: "1", userName: "a" }), 5);
    const client = createScimClient({ baseUrl: base, credentials: { type: "none" }, maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 30 }, () => client.users.get("1")));
    for (let i = 0; i < 10; i++) await client.users.get("1");
    expect(connections).toBeLessThanOrEqual(3);
    await client.close();
  });

  it("waits until the HTTP-date of a Retry-After, measured on the injected clock", async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) json(res, 503, { status: "503" }, { "retry-after": "Thu, 01 Jan 2026 12:00:05 GMT" });
      else json(res, 200, { id: "1", userName: "a" });
    };
    const client = createScimClient({ baseUrl: base, credentials: { type: "none" }, clock });
    await client.users.get("1");
    expect(clock.sleeps).toEqual([5_000]);
    await client.close();
  });

  it("accepts a created resource whose id is a number and keeps unknown attributes", async () => {
    handler = (_req, res) => json(res, 201, { id: 42, userName: "n@x.test", "urn:vendor:ext": { level: 3 } });
    const client = createScimClient({ baseUrl: base, credentials: { type: "none" } });
    const u = await client.users.create({ userName: "n@x.test" });
    expect(u).toMatchObject({ id: "42", "urn:vendor:ext": { level: 3 } });
    await client.close();
  });

  it("reads a SCIM error body's scimType and detail even when status is sent as a string", async () => {
    handler = (_req, res) =>
      json(res, 400, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: "400",
        scimType: "invalidValue",
        detail: "emails[0].value is not an email",
      });
    const client = createScimClient({ baseUrl: base, credentials: { type: "none" } });
    await expect(client.users.create({ userName: "x" })).rejects.toMatchObject({
      category: "rejected",
      status: 400,
      scimType: "invalidValue",
      detail: "emails[0].value is not an email",
    });
    await client.close();
  });
});
