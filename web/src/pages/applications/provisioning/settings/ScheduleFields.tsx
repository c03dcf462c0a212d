/**
 * The reconciliation schedule (every N minutes, or off) and the target's maximum concurrency, as
 * the Settings form edits them; bounds are the server's (SettingsBody).
 */
import { Group, NumberInput, Stack, Switch } from "@mantine/core";
import { MAX_CONCURRENCY, RECONCILE_MINUTES } from "../../../../api/settings";

/** The interval offered when the schedule is switched back on. */
const DEFAULT_MINUTES = 60;

export function ScheduleFields(props: {
  reconcileMinutes: number | null;
  maxConcurrency: number;
  onMinutes(minutes: number | null): void;
  onConcurrency(n: number): void;
}) {
  const on = props.reconcileMinutes !== null;
  const toNumber = (v: string | number, fallback: number) => (typeof v === "number" ? v : fallback);
  return (
    <Stack gap="sm">
      <Switch
        label="Reconcile on a schedule"
        description="Compare the target with SmartLink and act on differences per the modes above"
        checked={on}
        onChange={(e) => props.onMinutes(e.currentTarget.checked ? DEFAULT_MINUTES : null)}
      />
      <Group align="flex-start" gap="lg">
        <NumberInput
          label="Reconcile every (minutes)"
          min={RECONCILE_MINUTES.min}
          max={RECONCILE_MINUTES.max}
          value={props.reconcileMinutes ?? ""}
          disabled={!on}
          onChange={(v) => props.onMinutes(toNumber(v, RECONCILE_MINUTES.min))}
          w={200}
        />
        <NumberInput
          label="Max concurrent requests"
          min={MAX_CONCURRENCY.min}
          max={MAX_CONCURRENCY.max}
          value={props.maxConcurrency}
          onChange={(v) => props.onConcurrency(toNumber(v, MAX_CONCURRENCY.min))}
          w={200}
        />
      </Group>
    </Stack>
  );
}
