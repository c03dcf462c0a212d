/**
 * What automatic mode would now act on from the past (`pending` of GET/PUT settings), for the
 * events set to automatic. Switching a mode never acts on the past by itself: this says what is
 * left, in words, and "Apply now" queues it (POST …/settings/apply-pending) on the admin's request.
 */
import { Alert, Button, List, Stack } from "@mantine/core";
import { type ProvisioningSettings, pendingAutomatic, useApplyPending } from "../../../../api/settings";
import type { Application } from "../../../../api/types";
import { useNotify } from "../../../../components/notifications";
import { pendingText } from "./wording";

export function PendingWork(props: { app: Application; settings: ProvisioningSettings; onApplied(): void }) {
  const { app, settings } = props;
  const apply = useApplyPending(app.id);
  const notify = useNotify();
  const events = pendingAutomatic(settings);
  if (events.length === 0) return null;

  const onApply = () =>
    apply.mutate(events, {
      onSuccess: ({ enqueued }) => {
        const n = events.reduce((sum, e) => sum + enqueued[e], 0);
        notify.success(`${n.toLocaleString()} ${n === 1 ? "action" : "actions"} queued for ${app.name}`);
        props.onApplied();
      },
      onError: (err) => notify.error(err, "Could not apply the pending changes"),
    });

  return (
    <Alert color="yellow" title="Changes from before automatic mode are waiting">
      <Stack gap="xs">
        <List size="sm">
          {events.map((e) => (
            <List.Item key={e}>{pendingText(e, settings.pending[e] ?? 0, app.name)}</List.Item>
          ))}
        </List>
        <div>
          <Button size="xs" onClick={onApply} loading={apply.isPending}>
            Apply now
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}
