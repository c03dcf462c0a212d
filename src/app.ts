/**
 * Wires the application once (CONVENTIONS.md §2): config, database, clock and logger in; an
 * AppContext of plain service objects out. Tests build their own context with their own config.
 */
import type { Logger } from "pino";
import { type Auth, type AuthDeps, createAuth } from "./auth/index.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { createSecretBox, type SecretBox } from "./crypto/index.js";
import { connectDatabase, type Database, migrateToLatest } from "./db/index.js";
import { createDirectory, type Directory } from "./directory/index.js";
import { createLogger } from "./http/logging.js";
import { createJobs, type Jobs } from "./jobs/index.js";
import { createMessaging, type Messaging } from "./messaging/index.js";
import {
  type Automation,
  type AutomationOptions,
  createAutomation,
  createProvisioning,
  type Provisioning,
  type ScimTuning,
} from "./provisioning/index.js";

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  auth: Auth;
  /** Encrypts secrets at rest (SCIM tokens): AES-256-GCM, key from SMARTLINK_SECRET_KEY or the key file. */
  secrets: SecretBox;
  directory: Directory;
  /** Tracked long work (snapshot refreshes) and its progress. */
  jobs: Jobs;
  /** SCIM connections, schema, mapping, snapshots, links and the tab actions. */
  provisioning: Provisioning;
  /** Tickets (SmartLink messaging). */
  messaging: Messaging;
  /** Settings policy, the job worker, tickets' one-click actions, scheduled reconciliation. */
  automation: Automation;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  /** An already-open database (tests); otherwise one is opened from `config`. */
  database?: Database;
  clock?: Clock;
  log?: Logger;
  /** Run pending migrations first (default true). */
  migrate?: boolean;
  /** Auth tuning for tests: session lifetimes, login rate limits, a cheap scrypt cost. */
  authOptions?: Pick<AuthDeps, "sessionLifetimes" | "loginLimits" | "scrypt">;
  /** SCIM client tuning for every target (tests shorten retry delays). */
  scim?: ScimTuning;
  /** Worker tuning (tests shorten backoff and polling). */
  worker?: AutomationOptions["worker"];
  /** Run the job worker and the reconcile schedule in this process (`serve`, `worker`). Default false. */
  startWorker?: boolean;
}

/** Opens the database, migrates it and builds every service. */
export async function createAppContext(opts: CreateAppOptions): Promise<AppContext> {
  const { config } = opts;
  // Redacts passwords, tokens, cookies and Authorization headers (src/http/logging.ts).
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  // Before the database opens: a key file with loose permissions stops the start here.
  const secrets = createSecretBox({ secretKey: config.secretKey, dataDir: config.dataDir });
  const database =
    opts.database ??
    (await connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      ...(config.databaseSchema ? { pgSchema: config.databaseSchema } : {}),
    }));
  if (opts.migrate !== false) await migrateToLatest(database);
  // The automation reacts to directory events inside the change's transaction; it is built after
  // the directory it also reads, hence the late binding.
  let automation: Automation | undefined;
  const directory = createDirectory({
    database,
    clock,
    onEvents: (trx, ids) => (automation ? automation.onEvents(trx, ids) : Promise.resolve()),
    onMembership: (trx, m) => (automation ? automation.onMembership(trx, m) : Promise.resolve()),
  });
  const auth = createAuth({ database, clock, config, log, ...opts.authOptions });
  const jobs = createJobs({
    database,
    clock,
    onError: (err, job) => log.warn({ err, job }, "job failed"),
  });
  const provisioning = createProvisioning({
    database,
    clock,
    log,
    directory,
    secrets,
    jobs,
    ...(opts.scim ? { scim: opts.scim } : {}),
  });
  const messaging = createMessaging({
    database,
    clock,
    perform: (ticket, actor) => {
      if (!automation) throw new Error("automation not ready");
      return automation.performTicket(ticket, actor);
    },
  });
  automation = createAutomation({
    database,
    clock,
    log,
    directory,
    provisioning,
    messaging,
    worker: opts.worker ?? {
      concurrency: config.worker.concurrency,
      pollMs: config.worker.pollMs,
      leaseMs: config.worker.leaseMs,
      backoff: { baseMs: config.worker.retryBaseMs, maxMs: 300_000 },
    },
  });
  if (opts.startWorker) automation.startWorker();
  const ready = automation;
  return {
    config,
    database,
    clock,
    log,
    auth,
    secrets,
    directory,
    jobs,
    provisioning,
    messaging,
    automation: ready,
    async close() {
      // Running work first (it writes to the database), then the SCIM clients, then the database.
      await ready.stopWorker();
      await jobs.close();
      await provisioning.close();
      await database.close();
    },
  };
}
