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
      run: (job) =>
        withTarget(deps, appId, actor, `snapshot.${kind}`, async ({ client, fail }) => {
          const startedAt = isoNow(clock);
          let done = 0;
          let total: number | null = null;
          const onTotal = (t: number | undefined) => {
            total = t ?? null;
          };
          try {
            if (kind === "accounts") {
              for await (const page of client.users.pages({ pageSize: ACCOUNT_PAGE, onTotal })) {
                job.signal.throwIfAborted();
                const now = isoNow(clock);
                await upsertAccounts(
                  db,
                  dialect,
                  page.map((u) => accountRow(appId, u, job.id, now)),
                );
                done += page.length;
                await job.progress(done, total);
              }
            } else {
              for await (const page of client.groups.pages({ pageSize: GROUP_PAGE, onTotal })) {
                job.signal.throwIfAborted();
                const now = isoNow(clock);
                await upsertGroups(
                  db,
                  dialect,
                  page.map((g) => groupRow(appId, g, job.id, now)),
                );
                done += page.length;
                await job.progress(done, total);
              }
            }
          } catch (err) {
            fail(err, `reading its ${kind} (${done} read so far; nothing was marked as vanished)`);
          }
          const table = kind === "accounts" ? "scim_accounts" : "scim_groups";
          const vanished = await markVanished(db, table, appId, job.id, startedAt, isoNow(clock));
          await purgeVanished(db, appId, startedAt);
          await job.progress(done, done);
          return { seen: done, vanished };
        }),
    });
  }

  return {
    /** Starts (or joins) a refresh of the accounts snapshot; answers at once with the job. */
    refreshAccounts: (appId: string, actor: Actor) => refresh(appId, "accounts", actor),
    refreshGroups: (appId: string, actor: Actor) => refresh(appId, "groups", actor),
  };
}
