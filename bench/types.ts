/** One measured number. `ratio` compares it with a baseline measured in the same run (1 = equal). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
}

/** A benchmark file under `bench/` named `*.bench.ts` default-exports one of these. */
export type Benchmark = () => Promise<BenchResult[]>;
