import type { FaultConfig, FaultKind } from "./types.js";

/** mulberry32: a tiny, fast, seedable PRNG; good enough for fault sequences, not for crypto. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_FAULTS: FaultConfig = {
  errorRate: 0,
  rate429: 0,
  timeoutRate: 0,
  resetRate: 0,
  malformedJsonRate: 0,
  missingIdRate: 0,
  retryAfterSeconds: 1,
  seed: 1,
};

interface Rule {
  remaining: number;
  kind: FaultKind;
  method?: string;
  pathPrefix?: string;
}

/**
 * Decides, per request, whether to inject a fault: first the deterministic `failNext` rules
 * (oldest first), then the random rates. One PRNG draw per request (only when some rate is
 * non-zero) against cumulative bands, so a seed yields the same fault sequence for the same
 * request sequence.
 */
export class FaultController {
  private config: FaultConfig = { ...DEFAULT_FAULTS };
  private rand = prng(DEFAULT_FAULTS.seed);
  private rules: Rule[] = [];

  constructor(initial?: Partial<FaultConfig>) {
    if (initial) this.set(initial);
  }

  get retryAfterSeconds(): number {
    return this.config.retryAfterSeconds;
  }

  /** Merges rates; a (new) seed restarts the PRNG. */
  set(f: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...f };
    if (f.seed !== undefined) this.rand = prng(f.seed);
  }

  failNext(n: number, kind: FaultKind, match?: { method?: string; pathPrefix?: string }): void {
    if (n <= 0) return;
    this.rules.push({
      remaining: n,
      kind,
      method: match?.method?.toUpperCase(),
      pathPrefix: match?.pathPrefix,
    });
  }

  reset(): void {
    this.config = { ...DEFAULT_FAULTS };
    this.rand = prng(DEFAULT_FAULTS.seed);
    this.rules = [];
  }

  /**
   * The fault for this request, if any. `path` is matched against `pathPrefix` both as the full
   * path (`/scim/v2/Users`) and relative to the SCIM root (`/Users`).
   */
  decide(method: string, path: string, relPath: string): FaultKind | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      if (r.method && r.method !== method) continue;
      if (r.pathPrefix && !path.startsWith(r.pathPrefix) && !relPath.startsWith(r.pathPrefix)) continue;
      if (--r.remaining <= 0) this.rules.splice(i, 1);
      return r.kind;
    }
    const c = this.config;
    const total =
      c.resetRate + c.timeoutRate + c.errorRate + c.rate429 + c.malformedJsonRate + c.missingIdRate;
    if (total <= 0) return undefined;
    let x = this.rand();
    const bands: [number, FaultKind][] = [
      [c.resetRate, "reset"],
      [c.timeoutRate, "timeout"],
      [c.errorRate, "500"],
      [c.rate429, "429"],
      [c.malformedJsonRate, "malformed"],
      [c.missingIdRate, "missingId"],
    ];
    for (const [rate, kind] of bands) {
      if (x < rate) return kind;
      x -= rate;
    }
    return undefined;
  }
}

/** Fixed-window rate limiter: at most `requests` per `windowMs`. */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(private readonly limit: { requests: number; windowMs: number; retryAfterSeconds: number }) {}

  /** Undefined when allowed; otherwise the Retry-After seconds to send. */
  check(now: number): number | undefined {
    if (now - this.windowStart >= this.limit.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (++this.used <= this.limit.requests) return undefined;
    const left = Math.ceil((this.windowStart + this.limit.windowMs - now) / 1000);
    return Math.max(this.limit.retryAfterSeconds, left);
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}
