/**
 * Fast seeding for directory tests and benchmarks: users (and optionally folder memberships)
 * inserted in chunked multi-row statements, bypassing the service (seeding is not under test).
 */
import { randomUUID } from "node:crypto";
import { chunkRows, type Database } from "../../src/db/index.js";

export interface SeedOptions {
  /** Email prefix, unique per call so suites sharing a database do not collide. */
  prefix?: string;
  /** Make every seeded user a member of this folder. */
  folderId?: string;
  /** The i-th email (default `<prefix>-<i, 6 digits>@example.test`). */
  email?: (i: number) => string;
}

/** Inserts `count` users (`<prefix>-<i>@example.test`) and returns their ids in order. */
export async function seedUsers(
  database: Database,
  count: number,
  opts: SeedOptions = {},
): Promise<string[]> {
  const { db, dialect } = database;
  const prefix = opts.prefix ?? randomUUID().slice(0, 8);
  const now = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) => {
    const email = opts.email ? opts.email(i) : `${prefix}-${String(i).padStart(6, "0")}@example.test`;
    const first = `First${i}`;
    const last = `Last${prefix}`;
    return {
      id: randomUUID(),
      email,
      email_normalized: email.toLowerCase(),
      first_name: first,
      last_name: last,
      display_name: `${first} ${last}`,
      active: 1,
      attributes: "{}",
      search_text: `${email} ${first} ${last} ${first} ${last}`.toLowerCase(),
      created_at: now,
      updated_at: now,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunkRows(rows, 11, dialect)) await trx.insertInto("users").values(chunk).execute();
    if (opts.folderId) {
      const folderId = opts.folderId;
      const members = rows.map((r) => ({ folder_id: folderId, user_id: r.id, created_at: now }));
      for (const chunk of chunkRows(members, 3, dialect))
        await trx.insertInto("folder_members").values(chunk).execute();
    }
  });
  return rows.map((r) => r.id);
}
