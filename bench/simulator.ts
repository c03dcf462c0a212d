/**
 * The SCIM simulator as a child process for benchmarks (`node --import tsx tools/scim-target/cli.ts`):
 * in-process, its request handling would share our event loop (and our RSS), and the numbers would
 * measure both sides at once. A fresh child per run is also the cleanest reset.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface Sim {
  url: string;
  child: ChildProcess;
}

/** Starts the simulator with `--port 0 --token <token>` plus `args` (CLI flags); resolves with its base URL. */
export async function startSim(token: string, args: string[] = []): Promise<Sim> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "tools/scim-target/cli.ts"), "--port", "0", "--token", token, ...args],
    { cwd: root, stdio: ["ignore", "pipe", "ignore"] },
  );
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(() => {
      throw new Error("scim-target exited before printing its URL");
    }),
  ])) as [string];
  lines.close();
  return { url: url.trim(), child };
}

export async function stopSim(sim: Sim): Promise<void> {
  if (sim.child.exitCode !== null) return;
  const exited = once(sim.child, "exit");
  sim.child.kill("SIGTERM");
  await exited;
}
