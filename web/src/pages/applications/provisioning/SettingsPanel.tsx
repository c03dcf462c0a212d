/**
 * The Settings sub-tab: the mode of each of the four events (Manual / Notification / Automatic),
 * the reconciliation schedule and concurrency, saved together with feedback; then what automatic
 * mode would act on from the past (applied only on request), the pause state and Reconcile now.
 */
import { Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import {
  type ProvisioningSettings,
  pendingAutomatic,
  type SettingsInput,
  useSaveSettings,
  useSettings,
} from "../../../api/settings";
import type { Application } from "../../../api/types";
import { useNotify } from "../../../components/notifications";
import { QueryError } from "../../../components/QueryError";
import { EventModes } from "./settings/EventModes";
import { PendingWork } from "./settings/PendingWork";
import { ScheduleFields } from "./settings/ScheduleFields";
import { TargetState } from "./settings/TargetState";

type Draft = Required<SettingsInput>;

/** The editable part of the server's settings. */
const draftOf = (s: ProvisioningSettings): Draft => ({
  userGainsAccess: s.userGainsAccess,
  userLosesAccess: s.userLosesAccess,
  userDeactivated: s.userDeactivated,
  userUpdated: s.userUpdated,
  reconcileMinutes: s.reconcileMinutes,
  maxConcurrency: s.maxConcurrency,
});

export function SettingsPanel({ app }: { app: Application }) {
  // After "Apply now", follow the pending count down as the queued jobs run.
  const [applied, setApplied] = useState(false);
  const settings = useSettings(app.id, applied);
  if (settings.isPending) return <Loader size="sm" aria-label="Loading the settings" />;
  if (settings.isError) return <QueryError error={settings.error} title="Could not load the settings" />;
  return (
    <Stack>
      <TargetState app={app} settings={settings.data} />
      <PendingWork app={app} settings={settings.data} onApplied={() => setApplied(true)} />
      <SettingsForm app={app} settings={settings.data} />
    </Stack>
  );
}

function SettingsForm({ app, settings }: { app: Application; settings: ProvisioningSettings }) {
  const save = useSaveSettings(app.id);
  const notify = useNotify();
  const saved = draftOf(settings);
  const [draft, setDraft] = useState(saved);
  // Follow the server when its values change (a save, another admin): the form shows what is stored.
  const [shown, setShown] = useState(JSON.stringify(saved));
  if (shown !== JSON.stringify(saved)) {
    setShown(JSON.stringify(saved));
    setDraft(saved);
  }
  const dirty = JSON.stringify(draft) !== shown;
  const set = (patch: SettingsInput) => setDraft((d) => ({ ...d, ...patch }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft, {
      onSuccess: (next) => {
        const waiting = pendingAutomatic(next).length > 0;
        notify.success(
          waiting
            ? `Settings of ${app.name} saved. Nothing from before was changed: see the pending changes above`
            : `Settings of ${app.name} saved`,
        );
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-label="Provisioning settings">
      <Stack>
        <div>
          <Title order={4}>What SmartLink does when access changes</Title>
          <Text size="sm" c="dimmed">
            For each event, choose Manual, Notification or Automatic. In Automatic mode SmartLink acts
            directly on {app.name} without intervention. A change applies to new events only.
          </Text>
        </div>
        <EventModes modes={draft} onChange={(event, mode) => set({ [event]: mode })} />
        <ScheduleFields
          reconcileMinutes={draft.reconcileMinutes}
          maxConcurrency={draft.maxConcurrency}
          onMinutes={(reconcileMinutes) => set({ reconcileMinutes })}
          onConcurrency={(maxConcurrency) => set({ maxConcurrency })}
        />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!dirty}>
            Save
          </Button>
          {dirty && (
            <Text size="sm" c="dimmed">
              Unsaved changes
            </Text>
          )}
        </Group>
        <QueryError error={save.error} title="Could not save the settings" />
      </Stack>
    </Paper>
  );
}
