/**
 * SCIM client throughput: creating 10,000 users at concurrency 1, 8 and 32, beside a plain HTTP
 * loop (undici `request`, same keep-alive Agent settings, same bodies, same concurrency) measured
 * in the same run. `ratio` = client / plain; the design's bar is ≥ 0.9.
 *
 * The simulator runs as a child process (`node --import tsx tools/scim-target/cli.ts`): in-process,
 * its request handling would share our event loop and the benchmark would measure the sum of both
 * sides' CPU, penalising whichever side happens to run more JS. A fresh child per run is also the
 * reset between runs (the CLI has no reset endpoint; a restart is the cleanest reset there is).
 * Override the user count with BENCH_SCIM_USERS, the concurrency list with BENCH_SCIM_CONCURRENCY ("1,8,32").
 */
import { Agent, request } from "undici";
import { createScimClient } from "../src/scim/index.js";
import { startSim, stopSim } from "./simulator.js";
import type { BenchResult } from "./types.js";

const USERS = Number(process.env.BENCH_SCIM_USERS ?? 10_000);
const CONCURRENCY = (process.env.BENCH_SCIM_CONCURRENCY ?? "1,8,32").split(",").map(Number);
const TOKEN = "bench-token";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

const startSimStrict = () => startSim(TOKEN, ["--profile", "strict"]);

const body = (run: string, i: number) => ({
  schemas: [USER_SCHEMA],
  userName: `${run}.${i}@bench.test`,
  name: { givenName: "Bench", familyName: `User ${i}` },
  displayName: `Bench User ${i}`,
  emails: [{ value: `${run}.${i}@bench.test`, type: "work", primary: true }],
  active: true,
});

interface Measure {
  /** Items per second (wall clock). */
  rate: number;
  /** CPU time of this (client) process per item, µs: steadier than `rate` on a busy machine. */
  cpuUs: number;
}

/** Runs `task(0..n-1)` with `concurrency` workers. */
async function throughput(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<Measure> {
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { rate: n / ((performance.now() - t0) / 1000), cpuUs: (cpu.user + cpu.system) / n };
}

async function plainLoop(url: string, concurrency: number): Promise<Measure> {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const headers = {
    authorization: `Bearer ${TOKEN}`,
    accept: "application/scim+json, application/json",
    "content-type": "application/scim+json",
  };
  try {
    return await throughput(USERS, concurrency, async (i) => {
      const res = await request(`${url}/Users`, {
        method: "POST",
        headers,
        body: JSON.stringify(body("plain", i)),
        dispatcher: agent,
      });
      const created = (await res.body.json()) as { id?: string };
      if (res.statusCode !== 201 || !created.id) throw new Error(`plain create failed: ${res.statusCode}`);
    });
  } finally {
    await agent.close();
  }
}

async function clientLoop(url: string, concurrency: number): Promise<Measure> {
  const client = createScimClient({
    baseUrl: url,
    credentials: { type: "bearer", token: TOKEN },
    maxConcurrency: concurrency,
  });
  try {
    return await throughput(USERS, concurrency, async (i) => {
      await client.users.create(body("client", i));
    });
  } finally {
    await client.close();
  }
}

async function measured(run: (url: string) => Promise<Measure>): Promise<Measure> {
  const sim = await startSimStrict();
  try {
    return await run(sim.url);
  } finally {
    await stopSim(sim);
  }
}

const mean = (a: Measure, b: Measure): Measure => ({
  rate: (a.rate + b.rate) / 2,
  cpuUs: (a.cpuUs + b.cpuUs) / 2,
});

export default async function scimClientBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const c of CONCURRENCY) {
    // ABBA order (plain, client, client, plain), averaged: on a shared machine the load drifts
    // during a run, and a fixed order would hand the drift to one side.
    const p1 = await measured((url) => plainLoop(url, c));
    const c1 = await measured((url) => clientLoop(url, c));
    const c2 = await measured((url) => clientLoop(url, c));
    const p2 = await measured((url) => plainLoop(url, c));
    const plain = mean(p1, p2);
    const client = mean(c1, c2);
    results.push({ name: `plain http create c=${c}`, value: plain.rate, unit: "users/s" });
    results.push({
      name: `scim-client create c=${c}`,
      value: client.rate,
      unit: "users/s",
      ratio: client.rate / plain.rate,
    });
    results.push({ name: `plain http create c=${c} cpu`, value: plain.cpuUs, unit: "µs/user" });
    results.push({
      name: `scim-client create c=${c} cpu`,
      value: client.cpuUs,
      unit: "µs/user",
      ratio: client.cpuUs / plain.cpuUs,
    });
  }
  return results;
}
