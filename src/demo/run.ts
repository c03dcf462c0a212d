/**
 * `smartlink demo` (`npm run demo`): SmartLink on a fresh SQLite file in a temp folder (wiped at
 * every start; never `./data`), the SCIM target simulator in-process as the sample application,
 * the demo company seeded ({@link seedDemo}), the worker running, and a few lines on what to try.
 * Ctrl-C stops the server, the worker and the simulator.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScimTarget } from "../../tools/scim-target/index.js";
import { createAppContext } from "../app.js";
import { loadConfig } from "../config.js";
import { buildServer } from "../http/server.js";
import { type DemoSummary, seedDemo } from "./seed.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The demo's own data folder: a fixed name under the OS temp dir, so each start replaces the last. */
export const DEMO_DATA_DIR = join(tmpdir(), "smartlink-demo");

/** Builds the console when missing or stale, with the same script as `npm start`. */
function ensureConsole(env: NodeJS.ProcessEnv): void {
  if (env.SMARTLINK_CONSOLE_CHECKED === "1") return;
  const r = spawnSync(process.execPath, [join(root, "scripts", "start.mjs"), "--console-only"], {
    stdio: "inherit",
    cwd: root,
  });
  if (r.status !== 0) throw new Error("Building the console failed (see above); the demo needs it.");
}

/** Runs the demo until SIGINT/SIGTERM. `port`/`host` override PORT/HOST. */
export async function runDemo(
  env: NodeJS.ProcessEnv,
  flags: { port?: string; host?: string },
): Promise<void> {
  ensureConsole(env);
  rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
  mkdirSync(DEMO_DATA_DIR, { recursive: true });
  // SQLite in the demo folder whatever the environment says, with its own key file; quiet logs.
  const config = loadConfig({
    ...env,
    LOG_LEVEL: env.LOG_LEVEL || "warn",
    SMARTLINK_DATA_DIR: DEMO_DATA_DIR,
    DATABASE_URL: undefined,
    DATABASE_SCHEMA: undefined,
    SMARTLINK_SECRET_KEY: undefined,
    ...(flags.port ? { PORT: flags.port } : {}),
    ...(flags.host ? { HOST: flags.host } : {}),
  });
  if (env.DATABASE_URL) console.log("  (DATABASE_URL is ignored: the demo always uses its own SQLite file.)");

  const simToken = randomBytes(24).toString("base64url");
  const sim = await startScimTarget({ token: simToken, profile: "strict", host: "127.0.0.1" });
  const ctx = await createAppContext({ config });
  const server = await buildServer(ctx);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the demo…");
    await server.close();
    await ctx.close();
    await sim.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const admin = await ctx.auth.ensureFirstAdmin();
  console.log("Seeding the demo company…");
  const summary = await seedDemo(ctx, { sim, simToken, server });
  // The worker starts after the seed, so the seeding never races it.
  ctx.automation.startWorker();
  await server.listen({ port: config.port, host: config.host });
  const shown = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  console.log(
    banner({
      url: `http://${shown}:${config.port}`,
      email: admin?.email ?? config.adminEmail ?? "",
      password: admin?.generatedPassword ?? "(the one in SMARTLINK_ADMIN_PASSWORD)",
      sim: { url: sim.url, token: simToken },
      summary,
    }),
  );
}

function banner(o: {
  url: string;
  email: string;
  password: string;
  sim: { url: string; token: string };
  summary: DemoSummary;
}): string {
  const s = o.summary;
  const app = s.appName;
  return `
  SmartLink Provisioning demo — ${o.url}

    email:    ${o.email}
    password: ${o.password}

  Seeded: ${s.users} users, folders ${s.folders.join(", ")}; applications ${s.applications.join(", ")}.
  "${app}" is the SCIM target simulator at ${o.sim.url} (bearer token ${o.sim.token}),
  connected, with ${s.accounts.total} accounts and ${s.groups.total} groups read once.
  Data: ${DEMO_DATA_DIR} (wiped at every start). Ctrl-C stops everything.

  What to try (Applications → "${app}" → actions menu → Edit → Provisioning):
    Accounts   ${s.accounts.linked} accounts are linked; ${s.accounts.suggested} have a suggested user — accept them in bulk.
               ${s.accounts.unmatched} former staff match nobody (${s.accounts.inactive} deactivated): Create a membership, or Delete.
    Access     who has access and whether they are "Present in ${app}"; Create an account for someone absent.
    Groups     ${s.groups.linked} is linked; Create a folder from "contractors", or Associate a folder.
    Folders    Create a group for Leadership.
    Settings   everything is Manual except "A user loses access" (Notification); reconciliation runs hourly.
               ${s.deactivated.join(" and ")} are deactivated in SmartLink but not in ${app}:
               set "A SmartLink user is deactivated" to Automatic and apply what is pending.
    Activity   every SCIM call the seeding and you made, with a chart and filters.
    Messaging  ${s.tickets} tickets: ${s.lostAccess.join(" and ")} left Contractors and lost access —
               resolve one to delete their account in ${app}.
`;
}
