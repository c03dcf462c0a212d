/**
 * The SCIM target simulator's own costs, so client benchmarks can subtract them:
 * seeding 100,000 users, 10,000 creates at concurrency 32, paging 100,000 users at count=1000.
 */
import { startScimTarget } from "../tools/scim-target/index.js";
import type { Benchmark, BenchResult } from "./types.js";

const bench: Benchmark = async () => {
  const out: BenchResult[] = [];
  const t = await startScimTarget();
  const headers = { authorization: "Bearer secret", "content-type": "application/scim+json" };
  try {
    let started = performance.now();
    t.seedUsers(100_000);
    out.push({ name: "scim-target seed 100k users", value: performance.now() - started, unit: "ms" });

    started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < 10_000) {
        const i = next++;
        const body = JSON.stringify({
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `bench${i}@example.com`,
          name: { givenName: "B", familyName: String(i) },
          emails: [{ value: `bench${i}@example.com`, type: "work", primary: true }],
          active: true,
        });
        const r = await fetch(`${t.url}/Users`, { method: "POST", headers, body });
        if (r.status !== 201) throw new Error(`create ${i}: ${r.status}`);
        await r.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    const s = (performance.now() - started) / 1000;
    out.push({ name: "scim-target 10k creates @32", value: 10_000 / s, unit: "req/s" });

    t.clearRequests();
    started = performance.now();
    for (let start = 1; start <= 100_000; start += 1000) {
      const r = await fetch(`${t.url}/Users?startIndex=${start}&count=1000`, { headers });
      await r.arrayBuffer();
    }
    out.push({ name: "scim-target page 100k users @1000", value: performance.now() - started, unit: "ms" });
  } finally {
    await t.close();
  }
  return out;
};
export default bench;
