/**
 * Test helpers for this folder: a recording fake clock and a client factory for the simulator.
 * Not exported from index.ts.
 */
import type { ScimTarget } from "../../tools/scim-target/index.js";
import { createScimClient, type ScimClient, type ScimClientOptions } from "./client.js";
import type { Clock, ObserverEvent } from "./types.js";

/** A clock that records every sleep and advances virtual time; `realFactor` > 0 also really waits. */
export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 1), realFactor = 0): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    async sleep(ms) {
      sleeps.push(ms);
      t += ms;
      if (realFactor > 0) await new Promise((r) => setTimeout(r, ms * realFactor));
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** A client on `target` with a fake clock, deterministic jitter and a recording observer. */
export function clientFor(
  target: ScimTarget,
  extra: Partial<ScimClientOptions> = {},
): { client: ScimClient; clock: FakeClock; events: ObserverEvent[] } {
  const clock = (extra.clock as FakeClock | undefined) ?? fakeClock();
  const events: ObserverEvent[] = [];
  const client = createScimClient({
    baseUrl: target.url,
    credentials: { type: "bearer", token: "secret" },
    clock,
    random: () => 0.5,
    timeoutMs: 2_000,
    observer: (e) => events.push(e),
    ...extra,
  });
  return { client, clock, events };
}

/** `METHOD /path` lines of the recorded requests, base path stripped, for compact assertions. */
export function calls(target: ScimTarget): string[] {
  const base = new URL(target.url).pathname;
  return target.requests.map(
    (r) => `${r.method} ${r.path.startsWith(base) ? r.path.slice(base.length) : r.path}`,
  );
}
