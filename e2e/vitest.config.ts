import { defineConfig } from "vitest/config";

/** Browser tests: one fork, one file at a time, generous timeouts (Chromium on shared CPUs). */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
  },
});
