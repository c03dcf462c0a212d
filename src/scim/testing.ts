/**
 * Test helpers for this folder: a recording fake clock, a client factory for the simulator, and
 * ways to stage what no profile does alone (a write between GET and PUT, hidden group members).
 * Not exported from index.ts.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, type Dispatcher } from "undici";
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

/**
 * A keep-alive agent whose next request matching `method` first awaits `before()` — a deterministic
 * "someone else wrote in between" for If-Match tests (RFC 7644 §3.14). `arm` may be called again.
 */
export function interceptingAgent(method: string): {
  dispatcher: Dispatcher;
  arm(before: () => Promise<unknown>): void;
  close(): Promise<void>;
} {
  const agent = new Agent();
  let pending: (() => Promise<unknown>) | undefined;
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const before = opts.method === method ? pending : undefined;
    if (!before) return dispatch(opts, handler);
    pending = undefined;
    void before().then(() => dispatch(opts, handler));
    return true;
  });
  return {
    dispatcher,
    arm(before) {
      pending = before;
    },
    close: () => agent.close(),
  };
}

/** A raw request to the target, outside any client (the "other writer"). */
export async function rawRequest(target: ScimTarget, method: string, path: string, body?: unknown) {
  const res = await fetch(target.url + path, {
    method,
    headers: { authorization: "Bearer secret", "content-type": "application/scim+json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * An HTTP proxy in front of `target` that deletes `members` from every `GET /Groups…` response
 * (`always`), or only from those that do not ask for `attributes` (`unlessAsked`): a target that
 * hides group members, which no simulator profile combines with "no PATCH".
 */
export async function hidingMembersProxy(
  target: ScimTarget,
  hide: "always" | "unlessAsked",
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", target.origin);
    const upstream = await fetch(url, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
      ) as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    let text = await upstream.text();
    const strip = hide === "always" || !url.searchParams.has("attributes");
    if (req.method === "GET" && url.pathname.includes("/Groups") && strip && text) {
      const doc = JSON.parse(text) as { members?: unknown; Resources?: Array<{ members?: unknown }> };
      delete doc.members;
      for (const r of doc.Resources ?? []) delete r.members;
      text = JSON.stringify(doc);
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "transfer-encoding", "connection"].includes(k)) headers[k] = v;
    });
    res.writeHead(upstream.status, headers).end(text);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(target.url).pathname}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
