/**
 * The Accounts sub-tab's Refresh: starts (or joins) the snapshot job, follows it, and when it ends
 * refreshes every provisioning view of the application and says what was read.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type SnapshotResult, useRefreshAccounts } from "../../../../api/accounts";
import { isJobOver, type Job, useJob } from "../../../../api/jobs";
import { provisioningKey } from "../../../../api/provisioning";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";

export function useAccountsRefresh(app: Application) {
  const start = useRefreshAccounts(app.id);
  const qc = useQueryClient();
  const notify = useNotify();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId).data;
  const running = start.isPending || (jobId !== null && !isJobOver(job));

  const refresh = () =>
    start.mutate(undefined, {
      onSuccess: ({ jobId: id }) => setJobId(id),
      onError: (err) => notify.error(err, `Could not refresh the accounts of ${app.name}`),
    });

  const onDone = useCallback(
    (ended: Job) => {
      void qc.invalidateQueries({ queryKey: provisioningKey(app.id) });
      if (ended.state !== "succeeded") return;
      const r = ended.result as Partial<SnapshotResult> | null;
      const seen = r?.seen ?? 0;
      const gone = r?.vanished ? `; ${r.vanished.toLocaleString()} no longer there` : "";
      notify.success(
        `Read ${seen.toLocaleString()} ${seen === 1 ? "account" : "accounts"} from ${app.name}${gone}`,
      );
    },
    [qc, notify, app.id, app.name],
  );

  return { refresh, running, jobId, onDone };
}
