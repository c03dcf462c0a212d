/**
 * The "Present in {app}" cell of the Access and Folders sub-tabs: a Yes/No badge an admin reads at
 * a glance, and a short line saying what it rests on (associated, only matched, gone since the last
 * refresh), or that the action on the row is running.
 */
import { Badge, Group, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { Presence } from "../../../../api/access";

const BADGE: Record<Presence, { label: "Yes" | "No"; color: string }> = {
  linked: { label: "Yes", color: "green" },
  matched: { label: "Yes", color: "teal" },
  vanished: { label: "No", color: "orange" },
  absent: { label: "No", color: "gray" },
};

export function PresenceCell(props: { presence: Presence; detail?: ReactNode; busy?: string | false }) {
  const badge = BADGE[props.presence];
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Badge color={badge.color} variant="light" tt="none">
          {badge.label}
        </Badge>
        {props.busy && (
          <Group gap={4}>
            <Loader size={12} aria-hidden />
            <Text size="xs" c="dimmed" role="status">
              {props.busy}
            </Text>
          </Group>
        )}
      </Group>
      {props.detail && (
        <Text size="xs" c="dimmed">
          {props.detail}
        </Text>
      )}
    </Stack>
  );
}
