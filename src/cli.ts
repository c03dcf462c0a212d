/**
 * `smartlink serve | worker | migrate | demo` — the process entry point. Flags of `serve` and `demo`
 * override the environment: `--port N`, `--host H`.
 */
import { parseArgs } from "node:util";
import { createAppContext } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { connectDatabase, migrateToLatest } from "./db/index.js";
import { buildServer } from "./http/server.js";

const usage = `Usage: smartlink <command> [options]

Commands:
  serve [--port N] [--host H]   run the API, the console and a job worker (migrates first);
        [--no-worker]           without the worker (when separate \`smartlink worker\` processes run)
  worker                        run only a job worker (several may share one PostgreSQL database)
  migrate                       apply pending database migrations and exit
  demo [--port N] [--host H]    a throwaway SmartLink with a seeded company and a connected sample
                                application (SCIM simulator), on a fresh SQLite file (see README)

Configuration comes from the environment: PORT, HOST, DATABASE_URL, SMARTLINK_DATA_DIR,
SMARTLINK_SECRET_KEY, SMARTLINK_ADMIN_EMAIL, SMARTLINK_ADMIN_PASSWORD, LOG_LEVEL (see README).`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--help" || argv[0] === "-h") argv = ["help"];
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "no-worker": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (!command || values.help || command === "help") {
    console.log(usage);
    return command ? 0 : 1;
  }
  if (command === "demo") {
    // Its own configuration: a fresh SQLite file, whatever DATABASE_URL or SMARTLINK_DATA_DIR say.
    const { runDemo } = await import("./demo/run.js");
    await runDemo(process.env, {
      ...(values.port ? { port: values.port } : {}),
      ...(values.host ? { host: values.host } : {}),
    });
    return -1; // keep running until Ctrl-C
  }
  const config = loadConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });

  if (command === "migrate") {
    const database = await connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      ...(config.databaseSchema ? { pgSchema: config.databaseSchema } : {}),
    });
    try {
      const applied = await migrateToLatest(database);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
    } finally {
      await database.close();
    }
    return 0;
  }

  if (command === "worker") {
    const ctx = await createAppContext({ config, startWorker: true });
    ctx.log.info(`SmartLink worker ${ctx.automation.worker()?.id} running (${ctx.database.describe})`);
    const stop = async () => {
      // Graceful: no new claims, in-flight jobs finish (or are handed back), then exit.
      await ctx.close();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return -1;
  }

  if (command === "serve") {
    const ctx = await createAppContext({ config, startWorker: !values["no-worker"] });
    const created = await ctx.auth.ensureFirstAdmin();
    if (created?.generatedPassword) {
      // Printed once, on the first start only; never logged through the logger.
      console.log(
        `\n  First admin created.\n    email:    ${created.email}\n    password: ${created.generatedPassword}\n  Change it after logging in; it is not shown again.\n`,
      );
    }
    const app = await buildServer(ctx);
    const close = async () => {
      await app.close();
      await ctx.close();
      process.exit(0);
    };
    process.once("SIGINT", close);
    process.once("SIGTERM", close);
    await app.listen({ port: config.port, host: config.host });
    ctx.log.info(`SmartLink Provisioning on http://${config.host}:${config.port} (${ctx.database.describe})`);
    return -1; // keep running
  }

  console.error(`Unknown command "${command}".\n\n${usage}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
