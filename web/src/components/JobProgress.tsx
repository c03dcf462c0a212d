import { Alert, Group, Progress, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { isJobOver, type Job, useJob } from "../api/jobs";

interface JobProgressProps {
  /** The job to follow; nothing is shown for `null`. */
  jobId: number | null;
  /** What the job does, e.g. "Reading the accounts of Slack". */
  label: string;
  /** Called once when the job ends (succeeded or failed), e.g. to refresh a table. */
  onDone?(job: Job): void;
}

/**
 * A labelled progress bar for long work (snapshot refresh, bulk provisioning): `done / total` when
 * the total is known, an animated bar before; a failure stays on screen in words.
 */
export function JobProgress({ jobId, label, onDone }: JobProgressProps) {
  const { data: job, error } = useJob(jobId);
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (job && isJobOver(job) && reported.current !== job.id) {
      reported.current = job.id;
      onDone?.(job);
    }
  }, [job, onDone]);

  if (jobId === null) return null;
  if (error)
    return (
      <Alert color="red" title={`${label}: progress unavailable`}>
        {String(error)}
      </Alert>
    );
  if (job?.state === "failed")
    return (
      <Alert color="red" role="alert" title={`${label} failed`}>
        {job.error ?? "The job failed."}
      </Alert>
    );
  if (!job || isJobOver(job)) return null;
  const known = job.total !== null && job.total > 0;
  const value = known ? Math.min(100, (job.done / (job.total as number)) * 100) : 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">{label}…</Text>
        <Text size="sm" c="dimmed">
          {known
            ? `${job.done.toLocaleString()} / ${(job.total as number).toLocaleString()}`
            : `${job.done.toLocaleString()} so far`}
        </Text>
      </Group>
      <Progress value={value} animated={!known} striped={!known} aria-label={label} role="progressbar" />
    </Stack>
  );
}
