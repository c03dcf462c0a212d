/**
 * The test PostgreSQL server: where it is, whether it answers, and the extensions migrations need.
 * No vitest import here, so `npm test` (scripts/test.ts) and the benchmarks make the same checks as
 * the storage suites.
 */
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

let reachable: Promise<string | null> | undefined;
/** null when PostgreSQL answers, else the reason it does not. Checked once per process. */
export function postgresUnreachableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

let extensions: Promise<void> | undefined;
/**
 * Installs the extensions migrations use (pg_trgm) in `public`, once per process, before any suite
 * migrates its own schema. Otherwise the first migration would install pg_trgm into its throwaway
 * schema, and dropping that schema would drop the extension under every other suite's indexes.
 */
export function ensureSharedExtensions(url: string = TEST_DATABASE_URL): Promise<void> {
  extensions ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("create extension if not exists pg_trgm with schema public");
    } catch (err) {
      // Two test processes creating it at once: the loser sees a unique violation; it exists now.
      if ((err as { code?: string }).code !== "23505") throw err;
    } finally {
      await client.end();
    }
  })();
  return extensions;
}
