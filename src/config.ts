/**
 * Environment variables → one typed config object. Nothing else reads `process.env`:
 * tests build their own config with {@link loadConfig}`({ ...overrides })`.
 */
import { resolve } from "node:path";
import { z } from "zod";

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "DATABASE_SCHEMA must be a lower-case SQL identifier")
    .optional(),
  SMARTLINK_DATA_DIR: z.string().min(1).default("./data"),
  // HKDF stretches nothing: a short passphrase would make a guessable key.
  SMARTLINK_SECRET_KEY: z.string().min(16, "SMARTLINK_SECRET_KEY must be at least 16 characters").optional(),
  SMARTLINK_ADMIN_EMAIL: z.string().email("SMARTLINK_ADMIN_EMAIL must be an email address").optional(),
  SMARTLINK_ADMIN_PASSWORD: z
    .string()
    .min(12, "SMARTLINK_ADMIN_PASSWORD must be at least 12 characters")
    .optional(),
  LOG_LEVEL: LogLevel.default("info"),
  SMARTLINK_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  SMARTLINK_WORKER_POLL_MS: z.coerce.number().int().min(5).max(60_000).default(100),
  SMARTLINK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(2_000),
  SMARTLINK_WORKER_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; unset means the embedded SQLite file under `dataDir`. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema (created if missing); unset → the server's default search path. */
  databaseSchema: string | undefined;
  /** Absolute path of the folder holding the SQLite file and the generated key file. */
  dataDir: string;
  /** Key material for encrypting SCIM tokens at rest; unset → a key file in `dataDir`. */
  secretKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
  /** Jobs one worker process runs at once, its idle poll interval, and the first retry delay. */
  worker: { concurrency: number; pollMs: number; retryBaseMs: number; leaseMs: number };
}

/** Thrown when the environment is invalid; the message names every variable to fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads configuration from an environment-like record (defaults: DESIGN.md § Configuration).
 * Empty strings count as unset, so `DATABASE_URL= npm start` means SQLite.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: resolve(e.SMARTLINK_DATA_DIR),
    secretKey: e.SMARTLINK_SECRET_KEY,
    adminEmail: e.SMARTLINK_ADMIN_EMAIL,
    adminPassword: e.SMARTLINK_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    worker: {
      concurrency: e.SMARTLINK_WORKER_CONCURRENCY,
      pollMs: e.SMARTLINK_WORKER_POLL_MS,
      retryBaseMs: e.SMARTLINK_RETRY_BASE_MS,
      leaseMs: e.SMARTLINK_WORKER_LEASE_MS,
    },
  };
}
