/**
 * The target's automation state on the Settings tab: a paused (quarantined) target says why and
 * offers Resume; "Reconcile now" queues a reconciliation and follows its job; the last one's time.
 */
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { provisioningKey } from "../../../../api/provisioning";
import { type ProvisioningSettings, useReconcile, useResume } from "../../../../api/settings";
import type { Application } from "../../../../api/types";
import { JobProgress } from "../../../../components/JobProgress";
import { useNotify } from "../../../../components/notifications";

const when = (iso: string) => new Date(iso).toLocaleString();

export function TargetState({ app, settings }: { app: Application; settings: ProvisioningSettings }) {
  const resume = useResume(app.id);
  const reconcile = useReconcile(app.id);
  const notify = useNotify();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);

  const onResume = () =>
    resume.mutate(undefined, {
      onSuccess: ({ requeued }) =>
        notify.success(
          `${app.name} resumed: ${requeued.toLocaleString()} waiting ${requeued === 1 ? "job runs" : "jobs run"} again`,
        ),
      onError: (err) => notify.error(err, `Could not resume ${app.name}`),
    });
  const onReconcile = () =>
    reconcile.mutate(undefined, {
      onSuccess: (started) => setJobId(started.jobId),
      onError: (err) => notify.error(err, `Could not reconcile ${app.name}`),
    });

  return (
    <Stack gap="sm">
      {settings.paused && (
        <Alert color="red" title={`Provisioning to ${app.name} is paused`} role="alert">
          <Stack gap="xs">
            <Text size="sm">
              Paused since {when(settings.paused.at)}: {settings.paused.reason || "the target kept failing"}.
              Waiting work runs again when you resume.
            </Text>
            <div>
              <Button size="xs" color="red" onClick={onResume} loading={resume.isPending}>
                Resume
              </Button>
            </div>
          </Stack>
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={onReconcile} loading={reconcile.isPending}>
          Reconcile now
        </Button>
        <Text size="sm" c="dimmed">
          {settings.lastReconciledAt
            ? `Last reconciled ${when(settings.lastReconciledAt)}`
            : "Not reconciled yet"}
        </Text>
      </Group>
      <JobProgress
        jobId={jobId}
        label={`Reconciling ${app.name}`}
        onDone={(job) => {
          // What the reconciliation did shows on every sub-tab (accounts, activity, last run).
          void qc.invalidateQueries({ queryKey: provisioningKey(app.id) });
          if (job.state === "succeeded") notify.success(`${app.name} reconciled`);
        }}
      />
    </Stack>
  );
}
