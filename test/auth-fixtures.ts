/** Shared helpers of the auth and HTTP tests: a settable clock, a silent logger, a cheap scrypt. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll } from "vitest";
import { createAuth } from "../src/auth/index.js";
import type { Clock } from "../src/clock.js";
import { type Config, loadConfig } from "../src/config.js";
import type { Database } from "../src/db/index.js";

/** Fast enough for tests; production hashes use DEFAULT_SCRYPT. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export const silentLog = pino({ level: "silent" });

/** A clock tests move by hand. */
export function manualClock(
  start = Date.parse("2026-01-01T00:00:00.000Z"),
): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

// Every test data dir (key files) lives under one folder per test file, removed after it.
const dataRoot = mkdtempSync(join(tmpdir(), "smartlink-auth-"));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

/** A config with its own fresh data dir, plus `env` overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ SMARTLINK_DATA_DIR: mkdtempSync(join(dataRoot, "data-")), ...env });
}

/** createAuth over `database` with a manual clock and cheap hashing. */
export function testAuth(database: Database, opts: { config?: Config; clock?: Clock } = {}) {
  const clock = opts.clock ?? manualClock();
  const auth = createAuth({
    database,
    clock,
    config: opts.config ?? testConfig(),
    log: silentLog,
    scrypt: TEST_SCRYPT,
  });
  return { auth, clock };
}

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
