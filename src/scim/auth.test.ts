import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../../tools/scim-target/index.js";
import { filter } from "./filter.js";
import { patchOp } from "./patch.js";
import { clientFor, fakeClock } from "./testing.js";
import type { ScimCredentials } from "./types.js";

const TOKEN = "tok-9f8e7d6c5b4a";
const CLIENT_SECRET = "cs-0a1b2c3d4e5f";
const PASSWORD = "pw-Zz9Yy8Xx7";

let target: ScimTarget;
beforeAll(async () => {
  target = await startScimTarget({
    token: TOKEN,
    basic: { username: "admin", password: PASSWORD },
    oauth: { clientId: "smartlink", clientSecret: CLIENT_SECRET, tokenTtlSeconds: 120 },
  });
});
afterAll(() => target.close());
beforeEach(() => target.reset());

const oauth = () => ({
  type: "oauth" as const,
  tokenUrl: `${target.origin}/oauth/token`,
  clientId: "smartlink",
  clientSecret: CLIENT_SECRET,
});

describe("credentials", () => {
  it("authenticates with HTTP Basic", async () => {
    const { client } = clientFor(target, {
      credentials: { type: "basic", username: "admin", password: PASSWORD },
    });
    await client.users.create({ userName: "b@x.test" });
    expect(target.users()).toHaveLength(1);
    await client.close();
  });

  it("fetches one OAuth client-credentials token, reuses it, and refreshes it before expiry", async () => {
    const { client, clock } = clientFor(target, { credentials: oauth() });
    await Promise.all([client.users.search(filterAll()), client.users.search(filterAll())]);
    await client.users.search(filterAll());
    expect(target.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    // ttl 120 s, refreshed 12 s early (10% of the lifetime): at +100 s still cached, at +110 s renewed.
    clock.advance(100_000);
    await client.users.search(filterAll());
    expect(target.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    clock.advance(10_000);
    await client.users.search(filterAll());
    const tokenCalls = target.requests.filter((r) => r.path === "/oauth/token");
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[0]!.body).toEqual({ grant_type: "client_credentials" });
    await client.close();
  });

  it("fetches a new token once when the target answers 401 to a cached one", async () => {
    const short = await startScimTarget({
      oauth: { clientId: "c", clientSecret: CLIENT_SECRET, tokenTtlSeconds: 1 },
    });
    const { client } = clientFor(short, {
      credentials: { ...oauth(), tokenUrl: `${short.origin}/oauth/token`, clientId: "c" },
      clock: fakeClock(), // virtual time stands still: only the 401 can trigger the refresh
    });
    await client.users.create({ userName: "o1@x.test" });
    await new Promise((r) => setTimeout(r, 1_100));
    await client.users.create({ userName: "o2@x.test" });
    expect(short.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /oauth/token 200",
      "POST /scim/v2/Users 201",
      "POST /scim/v2/Users 401",
      "POST /oauth/token 200",
      "POST /scim/v2/Users 201",
    ]);
    await client.close();
    await short.close();
  });

  it("reports a refused OAuth client as a config error", async () => {
    const { client } = clientFor(target, { credentials: { ...oauth(), clientSecret: "wrong-secret-1" } });
    await expect(client.users.get("x")).rejects.toMatchObject({ category: "config" });
    await client.close();
  });
});

describe("secrets stay secret", () => {
  it("never shows the bearer token, Basic password, OAuth secret or user passwords in errors or observer events", async () => {
    const seen: string[] = [];
    const run = async (credentials: ScimCredentials) => {
      const { client, events } = clientFor(target, {
        credentials,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      });
      target.failNext(1, "500", { method: "POST" });
      const u = await client.users.create({ userName: `s${seen.length}@x.test`, password: "UserPassw0rd!" });
      await client.users.modify(u.id, [patchOp.replace("password", "N3wPassw0rd!")]);
      const errors = await Promise.all([
        client.users.get("missing").catch((e: unknown) => e),
        client
          .request({ method: "GET", path: "/Users", query: { filter: "bad filter" } })
          .catch((e: unknown) => e),
      ]);
      for (const e of errors)
        seen.push(JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String(e));
      seen.push(JSON.stringify(events), inspect(events, { depth: 10 }));
      await client.close();
    };
    await run({ type: "bearer", token: TOKEN });
    await run({ type: "basic", username: "admin", password: PASSWORD });
    await run(oauth());
    const wrong = clientFor(target, { credentials: { type: "bearer", token: "wrong-tok-123456" } });
    const e401 = await wrong.client.users.get("x").catch((e: unknown) => e);
    seen.push(
      JSON.stringify(e401),
      inspect(e401, { depth: 10, showHidden: true }),
      JSON.stringify(wrong.events),
    );
    await wrong.client.close();

    const all = seen.join("\n");
    const basic = Buffer.from(`admin:${PASSWORD}`).toString("base64");
    for (const secret of [
      TOKEN,
      PASSWORD,
      basic,
      CLIENT_SECRET,
      "UserPassw0rd!",
      "N3wPassw0rd!",
      "wrong-tok-123456",
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain("[REDACTED]");
  });
});

const filterAll = () => filter.pr("userName");
