/** Time is injected (CONVENTIONS.md §15): code asks a Clock, tests pass a fake one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The clock's time as an ISO-8601 string, the form every timestamp column stores. */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
