/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (never in parallel: they would skew each
 * other on a 2-core machine) and prints one table; `npm run bench -- --json` prints one JSON object a
 * line instead. `npm run bench -- NAME` runs only the files whose name contains NAME.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Benchmark, BenchResult } from "./types.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const filters = args.filter((a) => !a.startsWith("--"));
const here = dirname(fileURLToPath(import.meta.url));

const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((n) => f.includes(n)))
  .sort();

const results: BenchResult[] = [];
let failed = false;
for (const file of files) {
  if (!json) process.stderr.write(`running ${file}…\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark };
    for (const r of await mod.default()) {
      results.push(r);
      if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    }
  } catch (err) {
    failed = true;
    process.stderr.write(
      `${file} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
}

if (!json) {
  const rows = results.map((r) => [
    r.name,
    formatNumber(r.value),
    r.unit,
    r.ratio === undefined ? "" : r.ratio.toFixed(2),
  ]);
  const header = ["benchmark", "value", "unit", "ratio"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}
process.exit(failed ? 1 : 0);

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}
