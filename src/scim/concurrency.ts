/**
 * Per-target adaptive concurrency (AIMD): the limit halves on a 429 and grows by one on each
 * success, never below 1 nor above the configured maximum. Waiters are served first come, first served.
 */
export class AdaptiveLimiter {
  #limit: number;
  #active = 0;
  readonly #max: number;
  readonly #waiters: Array<() => void> = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new TypeError("maxConcurrency must be a positive integer");
    this.#max = max;
    this.#limit = max;
  }

  /** Current allowed number of requests in flight. */
  get limit(): number {
    return this.#limit;
  }

  get active(): number {
    return this.#active;
  }

  /** Waits for a slot; call the returned function exactly once to free it. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.#limit && this.#waiters.length === 0) {
      this.#active++;
    } else {
      // The slot is handed over by #drain (active already counted for us).
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#drain();
    };
  }

  /** A 429 arrived: halve the limit (multiplicative decrease). */
  onThrottle(): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
  }

  /** A request succeeded: +1 (additive increase), capped at the maximum. */
  onSuccess(): void {
    if (this.#limit < this.#max) {
      this.#limit++;
      this.#drain();
    }
  }

  #drain(): void {
    while (this.#active < this.#limit && this.#waiters.length > 0) {
      this.#active++;
      this.#waiters.shift()!();
    }
  }
}
