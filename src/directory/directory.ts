/**
 * `createDirectory`: users, folders, applications, effective access and the event outbox, as
 * plain functions over one database (CONVENTIONS.md §2).
 */
import type { Transaction } from "kysely";
import type { Clock } from "../clock.js";
import type { Database, DB } from "../db/index.js";
import { hasAccess } from "./access.sql.js";
import { createApplicationsService } from "./applications.service.js";
import { createDeps, type DirectoryDeps, type OnEvents, type OnMembership } from "./deps.js";
import { type ListEventsQuery, lastEventId, listEvents } from "./events.queries.js";
import { createFoldersService } from "./folders.service.js";
import { type DirectoryEvent, toEvent } from "./model.js";
import { createUsersService } from "./users.service.js";

export interface CreateDirectoryOptions {
  database: Database;
  clock: Clock;
  /**
   * Runs inside every change's transaction after its events are written (see {@link OnEvents}):
   * where the policy layer turns events into tickets and jobs atomically with the change.
   */
  onEvents?: OnEvents;
  /** Runs inside the change's transaction when a folder's members change (see {@link OnMembership}). */
  onMembership?: OnMembership;
}

/** The directory's functions over one set of deps (the pool, or one open transaction). */
function buildDirectory(deps: DirectoryDeps) {
  return {
    users: createUsersService(deps),
    folders: createFoldersService(deps),
    applications: createApplicationsService(deps),
    /** Whether the user has access to the application now (directly or through a folder). */
    hasAccess: (appId: string, userId: string): Promise<boolean> => hasAccess(deps.db, appId, userId),
    events: {
      /** Events in the order written; `after` is an id cursor. */
      list: async (query: ListEventsQuery = {}): Promise<DirectoryEvent[]> =>
        (await listEvents(deps.db, query)).map(toEvent),
      /** The id of the newest event (0 when none). */
      lastId: (): Promise<number> => lastEventId(deps.db),
    },
  };
}

/** The directory's functions bound to one open transaction (see `Directory.transaction`). */
export type DirectoryTx = ReturnType<typeof buildDirectory>;

/**
 * Builds the directory service. Every write runs in one transaction with the `events` rows it
 * causes; unknown ids throw `notFound("user" | "folder" | "application", id)`.
 */
export function createDirectory(opts: CreateDirectoryOptions) {
  const deps = createDeps(opts.database, opts.clock, opts.onEvents, opts.onMembership);
  return {
    ...buildDirectory(deps),
    /**
     * Runs several directory calls as ONE change: one transaction, one directory lock, one
     * `onEvents` call with every event id — e.g. "create a folder from a group" (folder, app,
     * members) commits whole or not at all. `trx` lets the caller write its own rows in it too.
     */
    transaction: <T>(fn: (tx: DirectoryTx, trx: Transaction<DB>) => Promise<T>): Promise<T> =>
      deps.change((scope) => {
        // Nested changes join the open scope instead of opening a transaction of their own.
        const inner: DirectoryDeps = { ...deps, db: scope.trx, change: (f) => f(scope) };
        return fn(buildDirectory(inner), scope.trx);
      }),
  };
}
export type Directory = ReturnType<typeof createDirectory>;
