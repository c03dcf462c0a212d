/**
 * `npm test`: the whole suite, in order —
 *   1. unit, API (app.inject) and storage tests on SQLite and PostgreSQL (`vitest run`);
 *   2. the console build and the browser tests in Debian's Chromium (`e2e/`).
 * PostgreSQL comes from TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test); when
 * none answers, the PostgreSQL halves are skipped with a loud warning, unless
 * SMARTLINK_REQUIRE_POSTGRES=1 (CI) makes that a failure. The browser tests need /usr/bin/chromium;
 * without it they fail, unless SMARTLINK_SKIP_E2E=1.
 * Ends with one line "N passed, N failed, N skipped" over every step.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresUnreachableReason, TEST_DATABASE_URL } from "../test/postgres.js";

const vitest = join("node_modules", "vitest", "vitest.mjs");
const reportDir = mkdtempSync(join(tmpdir(), "smartlink-test-report-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label: string, args: string[]): void {
  console.log(`\n=== ${label} ===`);
  const report = join(reportDir, `${label.replace(/\W+/g, "-")}.json`);
  const r = spawnSync(
    process.execPath,
    [vitest, "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { stdio: "inherit" },
  );
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
  if (r.status !== 0) ok = false;
}

const pgUrl = TEST_DATABASE_URL;
const pgProblem = await postgresUnreachableReason();
const safeUrl = pgUrl.replace(/\/\/[^@/]*@/, "//");
const pgLine = pgProblem
  ? `!!! PostgreSQL: NOT reachable at ${safeUrl} (${pgProblem}): every PostgreSQL storage test is SKIPPED. Set TEST_DATABASE_URL or start PostgreSQL.`
  : `PostgreSQL: the storage tests ran on ${safeUrl} as well as on SQLite.`;
console.log(pgLine);

run("unit, API and storage tests", []);

if (process.env.SMARTLINK_SKIP_E2E === "1") {
  console.warn("\n!!! SKIPPING the browser tests (SMARTLINK_SKIP_E2E=1).\n");
} else {
  console.log("\n=== building the console ===");
  const b = spawnSync(
    process.execPath,
    [
      join("node_modules", "vite", "bin", "vite.js"),
      "build",
      "--config",
      "web/vite.config.ts",
      "--logLevel",
      "warn",
    ],
    { stdio: "inherit" },
  );
  if (b.status !== 0) ok = false;
  else run("browser tests", ["--config", "e2e/vitest.config.ts"]);
}

rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${pgLine}`);
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
