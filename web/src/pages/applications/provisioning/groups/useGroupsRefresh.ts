/**
 * The Groups sub-tab's Refresh: starts the job that reads every group of the target
 * (`POST …/groups/refresh`, 202 `{ jobId }`), follows it, reloads the table when it ends and says
 * how many groups were read.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { groupsKey, useRefreshGroups } from "../../../../api/groups";
import { isJobOver, type Job, useJob } from "../../../../api/jobs";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";

export function useGroupsRefresh(app: Application) {
  const qc = useQueryClient();
  const notify = useNotify();
  const start = useRefreshGroups(app.id);
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId).data;

  const refresh = () =>
    start.mutate(undefined, {
      onSuccess: (r) => setJobId(r.jobId),
      onError: (err) => notify.error(err, `Could not read the groups of ${app.name}`),
    });

  // Stable: JobProgress calls it from an effect.
  const onDone = useCallback(
    (done: Job) => {
      // A failed read keeps the pages it read (they are true): reload either way.
      void qc.invalidateQueries({ queryKey: groupsKey(app.id) });
      if (done.state !== "succeeded") return;
      const seen = typeof done.result?.seen === "number" ? done.result.seen : done.done;
      notify.success(`Read ${seen.toLocaleString()} ${seen === 1 ? "group" : "groups"} from ${app.name}.`);
    },
    [qc, notify, app.id, app.name],
  );

  return {
    refresh,
    jobId,
    onDone,
    running: start.isPending || (jobId !== null && !isJobOver(job)),
  };
}
