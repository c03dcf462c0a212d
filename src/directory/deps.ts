/**
 * What the directory's services share: the database, the clock, and `change`, the one way to write.
 */
import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { Database, DB, DialectInfo } from "../db/index.js";
import type { ChangeScope } from "./access.sql.js";

/**
 * Called inside the change's transaction after its event rows are written, with their ids. The
 * policy/job layer plugs in here so that tickets and jobs commit with the change or not at all.
 * Throwing rolls the whole change back, events included.
 */
export type OnEvents = (trx: Transaction<DB>, eventIds: readonly number[]) => Promise<void>;

/** A folder's membership changed (whether or not anyone's access did): linked groups follow it. */
export interface MembershipChange {
  folderId: string;
  userIds: readonly string[];
  change: "added" | "removed";
}

/** Called inside the change's transaction, like {@link OnEvents}. */
export type OnMembership = (trx: Transaction<DB>, m: MembershipChange) => Promise<void>;

export interface DirectoryDeps {
  db: Kysely<DB>;
  dialect: DialectInfo;
  clock: Clock;
  /** Runs `fn` in one transaction: the change, its access diff and its events commit together. */
  change<T>(fn: (s: ChangeScope) => Promise<T>): Promise<T>;
  onMembership?: OnMembership | undefined;
}

/** Builds the shared deps; `change` opens the transaction, takes the directory lock, calls `onEvents`. */
export function createDeps(
  database: Database,
  clock: Clock,
  onEvents?: OnEvents,
  onMembership?: OnMembership,
): DirectoryDeps {
  const { db, dialect } = database;
  return {
    db,
    dialect,
    clock,
    onMembership,
    change: (fn) =>
      db.transaction().execute(async (trx) => {
        // Changes run one at a time. Access diffs read other rows than they write: "remove U from
        // F1" checks F2 while "remove A from F2" checks F1, and under READ COMMITTED (or two
        // processes) both could see the other path and neither write the loss. Row locks on the
        // touched folder/user/app do not cover that, so every change first takes this one row
        // lock; on SQLite it also takes the write lock up front (no deferred-upgrade SQLITE_BUSY).
        // Changes are short (10,000 events ≈ 0.1–0.3 s), so the serialization is cheap.
        await trx
          .updateTable("directory_lock")
          .set((eb) => ({ version: eb("version", "+", 1) }))
          .where("id", "=", 1)
          .execute();
        const scope: ChangeScope = { trx, dialect, now: isoNow(clock), eventIds: [] };
        const result = await fn(scope);
        if (onEvents && scope.eventIds.length > 0) await onEvents(trx, scope.eventIds);
        return result;
      }),
  };
}

/** True when `err` is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const code = (err as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
