#!/usr/bin/env node
/**
 * `npm start`: builds the console when web/dist is missing or older than its sources, then runs
 * `smartlink serve` (through tsx, so the server never runs a stale build). Extra arguments are
 * passed on: `npm start -- --port 9090`.
 *
 * A first argument that is not a flag names another smartlink command to run after the build
 * (`node scripts/start.mjs demo`). `--console-only` builds the console if needed and exits: the
 * `demo` command calls that, so `npm run demo` gets a current console however it is started.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const builtIndex = join(root, "web", "dist", "index.html");

/** Newest modification time of any file below `dir` (node_modules and the dist folders excluded). */
function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith("dist")) continue;
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newest(join(root, "web"))) {
  console.log("Building the console (web/dist)…");
  const r = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--config",
      join(root, "web", "vite.config.ts"),
      "--logLevel",
      "warn",
    ],
    { stdio: "inherit", cwd: root },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
if (args[0] === "--console-only") process.exit(0);
const command = args[0] && !args[0].startsWith("-") ? args.shift() : "serve";

const r = spawnSync(process.execPath, [join(root, "bin", "smartlink.mjs"), command, ...args], {
  stdio: "inherit",
  cwd: root,
  // The console was just checked: a `demo` started from here need not check it again.
  env: { ...process.env, SMARTLINK_CONSOLE_CHECKED: "1" },
});
process.exit(r.status ?? 1);
