/**
 * Refresh on the Accounts and Groups sub-tabs: starts (or joins) the job that reads the snapshot
 * again, follows it with a progress bar (`jobId` for `JobProgress`), and when it ends refreshes
 * every provisioning view of the application (even after a failure: the pages read are kept) and
 * says what was read.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { isJobOver, type Job, useJob } from "../../../api/jobs";
import {
  provisioningKey,
  type SnapshotKind,
  type SnapshotResult,
  useRefreshSnapshot,
} from "../../../api/provisioning";
import type { Application } from "../../../api/types";
import { useNotify } from "../../../components/notifications";

const NOUNS: Record<SnapshotKind, [one: string, many: string]> = {
  accounts: ["account", "accounts"],
  groups: ["group", "groups"],
};

export function useSnapshotRefresh(app: Application, kind: SnapshotKind) {
  const start = useRefreshSnapshot(app.id, kind);
  const qc = useQueryClient();
  const notify = useNotify();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId).data;
  const running = start.isPending || (jobId !== null && !isJobOver(job));

  const refresh = () =>
    start.mutate(undefined, {
      onSuccess: ({ jobId: id }) => setJobId(id),
      onError: (err) => notify.error(err, `Could not read the ${kind} of ${app.name}`),
    });

  // Stable: JobProgress calls it from an effect.
  const onDone = useCallback(
    (ended: Job) => {
      void qc.invalidateQueries({ queryKey: provisioningKey(app.id) });
      if (ended.state !== "succeeded") return;
      const r = ended.result as Partial<SnapshotResult> | null;
      const seen = r?.seen ?? ended.done;
      const gone = r?.vanished ? `; ${r.vanished.toLocaleString()} no longer there` : "";
      const [one, many] = NOUNS[kind];
      notify.success(`Read ${seen.toLocaleString()} ${seen === 1 ? one : many} from ${app.name}${gone}.`);
    },
    [qc, notify, app.id, app.name, kind],
  );

  return { refresh, running, jobId, onDone };
}
