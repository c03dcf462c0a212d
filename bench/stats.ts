/** Statistics shared by the benchmarks. */

/** The q-quantile (0..1) of `samples`, nearest-rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
}
