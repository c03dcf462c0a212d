/**
 * `seedDemo`: fills a fresh SmartLink with a company a newcomer can click through — the directory,
 * the sample application's accounts and groups in a running SCIM target simulator, the connection,
 * one snapshot read, some accepted match suggestions, a linked group, and a ticket or two in the
 * inbox. Everything goes through the services (and, for the Settings, the HTTP API), never raw SQL,
 * so the demo exercises the same paths as the console.
 */
import type { FastifyInstance } from "fastify";
import type { ScimTarget } from "../../tools/scim-target/index.js";
import type { AppContext } from "../app.js";
import type { Actor } from "../provisioning/index.js";
import { SAMPLE_APP, seedDirectory } from "./directory.js";
import { seedTarget } from "./target.js";

/** Who the seeding's SCIM calls are attributed to in the Activity sub-tab. */
const DEMO_ACTOR: Actor = { type: "system", id: null, label: "demo seed" };

/** The one event set to Notification, so the inbox has tickets; the others stay Manual. */
export const NOTIFICATION_EVENT = "userLosesAccess";

export interface SeedDemoOptions {
  /** A running simulator (profile strict) playing the sample application. */
  sim: ScimTarget;
  /** The bearer token the simulator requires. */
  simToken: string;
  /** The server over `ctx` (not listening is fine): the Settings are saved through its API. */
  server: FastifyInstance;
  /** Default 200. */
  users?: number;
}

export interface DemoSummary {
  appId: string;
  appName: string;
  users: number;
  folders: string[];
  applications: string[];
  accounts: { total: number; linked: number; suggested: number; unmatched: number; inactive: number };
  groups: { total: number; linked: string };
  /** SmartLink users deactivated while their account stays active (pending under userDeactivated). */
  deactivated: string[];
  /** Users removed from Contractors: each has a ticket "… lost access to Acme SCIM app". */
  lostAccess: string[];
  tickets: number;
}

/** Waits for a tracked job started in this process and fails loudly if it did not succeed. */
async function settled(ctx: AppContext, started: { job: { id: number } }, what: string): Promise<void> {
  const job = await ctx.jobs.settled(started.job.id);
  if (job.state !== "succeeded") throw new Error(`${what} ended ${job.state}: ${job.error ?? "no error"}`);
}

/** Seeds everything; see the file comment. Call once, on an empty database. */
export async function seedDemo(ctx: AppContext, opts: SeedDemoOptions): Promise<DemoSummary> {
  const { sim } = opts;
  const dir = await seedDirectory(ctx, opts.users ?? 200);
  const target = seedTarget(sim, dir);
  const { provisioning: p, directory } = ctx;
  const appId = dir.appId;

  // PUT connection through the service: discovery, capability probe, the token sealed at rest.
  await p.connection.connect(appId, { baseUrl: sim.url, token: opts.simToken }, DEMO_ACTOR);
  await settled(ctx, await p.snapshots.refreshAccounts(appId, DEMO_ACTOR), "Reading the accounts");
  await settled(ctx, await p.snapshots.refreshGroups(appId, DEMO_ACTOR), "Reading the groups");

  // Accept half of the suggestions (the Engineering and Contractors ones first), leave the rest to try.
  const suggestions = await p.accounts.suggestions(appId);
  const department = new Map(target.matching.map((m) => [m.accountId, m.department]));
  const accepted = suggestions
    .filter((s) => ["Engineering", "Contractors"].includes(department.get(s.accountId) ?? ""))
    .filter((_, i) => i % 2 === 0)
    .map((s) => ({ accountId: s.accountId, userId: s.user.id }));
  await p.accounts.associateSuggested(appId, accepted);

  // The target's "engineering" group follows the Engineering folder; the other groups are unlinked.
  const engineering = target.groups.find((g) => g.displayName === "engineering");
  if (engineering)
    await p.groups.associateFolder(appId, engineering.id, dir.folderIds.Engineering, DEMO_ACTOR);

  // Two linked engineers are deactivated in SmartLink while Settings are Manual: their accounts stay
  // active, and the Settings sub-tab counts them as pending under "user deactivated".
  const linkedIds = new Set(accepted.map((a) => a.userId));
  const linkedUsers = dir.users.filter((u) => linkedIds.has(u.id));
  const deactivated = linkedUsers.filter((u) => u.person.department === "Engineering").slice(0, 2);
  for (const u of deactivated) await directory.users.deactivate(u.id);

  // The hourly reconciliation stays on (the default): its first run, seconds after start, finds the
  // same drift the events below raise, and tickets are one per user and action.
  await saveSettings(ctx, opts.server, appId, { [NOTIFICATION_EVENT]: "notification" });

  // A seeded access change under Notification: two linked contractors leave the Contractors folder,
  // so each gets a ticket "… lost access to Acme SCIM app" with the one-click "Delete … account".
  const leaving = linkedUsers.filter((u) => u.person.department === "Contractors").slice(0, 2);
  for (const u of leaving) await directory.folders.removeMember(dir.folderIds.Contractors, u.id);

  const open = await ctx.messaging.list({ status: "open", applicationId: appId });
  return {
    appId,
    appName: SAMPLE_APP,
    users: dir.users.length,
    folders: Object.keys(dir.folderIds),
    applications: Object.keys(dir.applicationIds),
    accounts: {
      total: target.matching.length + target.unmatched,
      linked: accepted.length,
      suggested: (await p.accounts.suggestions(appId)).length,
      unmatched: target.unmatched,
      inactive: target.inactive,
    },
    groups: { total: target.groups.length, linked: engineering ? "engineering ↔ Engineering" : "none" },
    deactivated: deactivated.map((u) => u.email),
    lostAccess: leaving.map((u) => u.email),
    tickets: open.total,
  };
}

/**
 * Saves Settings through `PUT …/provisioning/settings` (the Settings module's only public entry),
 * authenticated by a short-lived API token revoked right after.
 */
async function saveSettings(
  ctx: AppContext,
  server: FastifyInstance,
  appId: string,
  body: Record<string, string | null>,
): Promise<void> {
  const token = await ctx.auth.tokens.create({ name: "demo seed", expiresInDays: 1 });
  try {
    const res = await server.inject({
      method: "PUT",
      url: `/api/applications/${appId}/provisioning/settings`,
      headers: { authorization: `Bearer ${token.token}` },
      payload: body,
    });
    if (res.statusCode !== 200)
      throw new Error(`Saving the demo settings failed: ${res.statusCode} ${res.body}`);
  } finally {
    await ctx.auth.tokens.revoke(token.id);
  }
}
