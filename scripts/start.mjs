#!/usr/bin/env node
/**
 * `npm start`: builds the console when web/dist is missing or older than its sources, then runs
 * `smartlink serve` (through tsx, so the server never runs a stale build). Extra arguments are
 * passed on: `npm start -- --port 9090`.
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

const r = spawnSync(
  process.execPath,
  [join(root, "bin", "smartlink.mjs"), "serve", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    cwd: root,
  },
);
process.exit(r.status ?? 1);
