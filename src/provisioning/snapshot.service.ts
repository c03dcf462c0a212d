/**
 * Snapshot refreshes: the target's accounts or groups streamed page by page into the snapshot
 * tables as a tracked job (progress on GET /api/jobs/:id), memory bounded by one page. Only a
 * refresh that read everything marks what it did not see as vanished: a target that fails midway
 * leaves the pages already read (they are true) and marks nothing.
 */
import { isoNow } from "../clock.js";
import type { Job } from "../jobs/index.js";
import type { Actor } from "./activity.js";
import { type ProvisioningDeps, withTarget } from "./deps.js";
import {
  accountRow,
  groupRow,
  markRead,
  markVanished,
  purgeVanished,
  upsertAccounts,
  upsertGroups,
} from "./snapshot.queries.js";

/** Page size asked of the target (the client caps it at the target's known maximum). */
const ACCOUNT_PAGE = 1000;
/** Groups carry members: smaller pages. */
const GROUP_PAGE = 100;

export type SnapshotKind = "accounts" | "groups";

export function createSnapshots(deps: ProvisioningDeps) {
  const { db, dialect, clock } = deps;

  /**
   * Reads every account (or group) page by page into the snapshot. `refreshId` tags the rows seen;
   * only a complete read marks the others vanished.
   */
  async function read(
    appId: string,
    kind: SnapshotKind,
    actor: Actor,
    refreshId: number,
    control?: { signal: AbortSignal; progress(done: number, total?: number | null): Promise<void> },
  ): Promise<{ seen: number; vanished: number }> {
    return withTarget(deps, appId, actor, `snapshot.${kind}`, async ({ client, fail }) => {
      const startedAt = isoNow(clock);
      let done = 0;
      let total: number | null = null;
      const onTotal = (t: number | undefined) => {
        total = t ?? null;
      };
      try {
        if (kind === "accounts") {
          for await (const page of client.users.pages({ pageSize: ACCOUNT_PAGE, onTotal })) {
            control?.signal.throwIfAborted();
            const now = isoNow(clock);
            await upsertAccounts(
              db,
              dialect,
              page.map((u) => accountRow(appId, u, refreshId, now)),
            );
            done += page.length;
            await control?.progress(done, total);
          }
        } else {
          for await (const page of client.groups.pages({ pageSize: GROUP_PAGE, onTotal })) {
            control?.signal.throwIfAborted();
            const now = isoNow(clock);
            await upsertGroups(
              db,
              dialect,
              page.map((g) => groupRow(appId, g, refreshId, now)),
            );
            done += page.length;
            await control?.progress(done, total);
          }
        }
      } catch (err) {
        fail(err, `reading its ${kind} (${done} read so far; nothing was marked as vanished)`);
      }
      const table = kind === "accounts" ? "scim_accounts" : "scim_groups";
      const vanished = await markVanished(db, table, appId, refreshId, startedAt, isoNow(clock));
      await purgeVanished(db, appId, startedAt);
      await markRead(db, appId, kind, isoNow(clock));
      await control?.progress(done, done);
      return { seen: done, vanished };
    });
  }

  async function refresh(
    appId: string,
    kind: SnapshotKind,
    actor: Actor,
  ): Promise<{ job: Job; started: boolean }> {
    // Fails fast (409 not_connected) before any job row exists.
    await deps.clients.get(appId);
    const createdBy = actor.type === "admin" ? `admin:${actor.id ?? actor.label}` : actor.type;
    return deps.jobs.startTracked({
      kind: `snapshot.${kind}`,
      applicationId: appId,
      createdBy,
      run: (job) => read(appId, kind, actor, job.id, job),
    });
  }

  return {
    /** Starts (or joins) a refresh of the accounts snapshot; answers at once with the job. */
    refreshAccounts: (appId: string, actor: Actor) => refresh(appId, "accounts", actor),
    refreshGroups: (appId: string, actor: Actor) => refresh(appId, "groups", actor),
    /** The same read, inside a job already running (the scheduled reconciliation). */
    refreshInline: (appId: string, kind: SnapshotKind, actor: Actor, refreshId: number) =>
      read(appId, kind, actor, refreshId),
  };
}
