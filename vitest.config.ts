import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tools/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules", "dist", "web", "e2e"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites share one PostgreSQL server; each suite creates its own schema.
    pool: "forks",
  },
});
