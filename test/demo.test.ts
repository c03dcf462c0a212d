/**
 * `npm run demo`'s seeding (src/demo/seed.ts) on a fresh SQLite data dir with a real SCIM target
 * simulator: the directory, the connection, the snapshot, the suggestions and the inbox it leaves
 * are checked through the services and in the simulator itself; a second run on another fresh dir
 * gives the same company.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type AppContext, createAppContext } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { type DemoSummary, seedDemo } from "../src/demo/seed.js";
import { buildServer } from "../src/http/server.js";
import { type ScimTarget, startScimTarget } from "../tools/scim-target/index.js";

interface Seeded {
  ctx: AppContext;
  sim: ScimTarget;
  summary: DemoSummary;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** A fresh data dir, a fresh simulator, the seeding; closed after the file. */
async function seedFresh(): Promise<Seeded> {
  const dataDir = mkdtempSync(join(tmpdir(), "smartlink-demo-test-"));
  const simToken = `demo-${randomUUID()}`;
  const sim = await startScimTarget({ token: simToken, profile: "strict" });
  const ctx = await createAppContext({
    config: loadConfig({ SMARTLINK_DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
  });
  const server = await buildServer(ctx, { webRoot: false, logRequests: false });
  const close = async () => {
    await server.close();
    await ctx.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  cleanups.push(close);
  const summary = await seedDemo(ctx, { sim, simToken, server });
  return { ctx, sim, summary, close };
}

describe("the demo seed", () => {
  let first: Seeded;

  it("fills a fresh directory with about 200 users, folders with members and four applications", async () => {
    first = await seedFresh();
    const { ctx, summary } = first;
    expect((await ctx.directory.users.list({ pageSize: 1 })).total).toBe(200);
    expect(summary.users).toBe(200);
    const folders = await ctx.directory.folders.list({ pageSize: 50 });
    expect(folders.items.map((f) => f.name).sort()).toEqual(
      ["Contractors", "Engineering", "Leadership", "Sales", "Support"].sort(),
    );
    for (const f of folders.items) expect(f.memberCount, f.name).toBeGreaterThan(3);
    const apps = await ctx.directory.applications.list({ pageSize: 50 });
    expect(apps.items.map((a) => a.name).sort()).toEqual(["Acme SCIM app", "GitHub", "Slack", "Zendesk"]);
    // Access both ways: through folders and by direct assignment.
    const access = await ctx.directory.applications.accessList(summary.appId, { pageSize: 500 });
    expect(access.total).toBeGreaterThan(60);
    expect(access.items.some((r) => r.via.some((v) => v.type === "direct"))).toBe(true);
    expect(access.items.some((r) => r.via.some((v) => v.type === "folder"))).toBe(true);
  }, 20_000);

  it("connects the sample application to the running simulator and holds its snapshot", async () => {
    const { ctx, sim, summary } = first;
    const connection = await ctx.provisioning.connection.view(summary.appId);
    expect(connection).toMatchObject({ baseUrl: sim.url, status: "connected", tokenSet: true });
    const accounts = await ctx.provisioning.accounts.list(summary.appId, { pageSize: 500 });
    expect(accounts.total).toBe(sim.users().length);
    expect(accounts.total).toBe(summary.accounts.total);
    expect(summary.accounts).toMatchObject({ unmatched: 12, inactive: 2 });
    expect(summary.accounts.linked).toBeGreaterThan(10);
    const groups = await ctx.provisioning.groups.list(summary.appId, { pageSize: 50 });
    expect(groups.items.map((g) => g.displayName).sort()).toEqual(
      ["alumni", "all-staff", "contractors", "engineering", "sales-emea"].sort(),
    );
    expect(groups.items.find((g) => g.displayName === "engineering")?.linkedFolder?.name).toBe("Engineering");
  });

  it("leaves suggestions to accept, two deactivated users and tickets in the inbox", async () => {
    const { ctx, summary } = first;
    const suggestions = await ctx.provisioning.accounts.suggestions(summary.appId);
    expect(suggestions.length).toBeGreaterThan(10);
    expect(suggestions.length).toBe(summary.accounts.suggested);
    expect(new Set(suggestions.map((s) => s.reason))).toEqual(new Set(["userName", "email"]));
    for (const email of summary.deactivated) {
      const [user] = (await ctx.directory.users.list({ search: email })).items;
      expect(user?.active, email).toBe(false);
    }
    const tickets = await ctx.messaging.list({ status: "open", applicationId: summary.appId });
    expect(tickets.items.map((t) => t.userEmail).sort()).toEqual([...summary.lostAccess].sort());
    expect(tickets.items.every((t) => t.action === "account.deprovision")).toBe(true);
    expect(summary.tickets).toBe(2);
  });

  it("gives the same company on a second fresh run", async () => {
    const second = await seedFresh();
    expect({ ...second.summary, appId: "" }).toEqual({ ...first.summary, appId: "" });
    await second.close();
    cleanups.splice(cleanups.indexOf(second.close), 1);
  }, 20_000);
});
