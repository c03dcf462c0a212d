import { ActionIcon, Menu, Text } from "@mantine/core";

export interface RowAction {
  /** The action's name, as the product spec words it ("Create a membership"). */
  label: string;
  onClick(): void;
  color?: string;
  disabled?: boolean;
  /** Why it is disabled (or what it will do), shown under the label. */
  hint?: string;
}

/** The "⋯" actions menu of a table row, labelled "Actions for {name}". */
export function RowActions({ name, actions }: { name: string; actions: RowAction[] }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <span aria-hidden style={{ fontSize: 18, lineHeight: 1 }}>
            ⋯
          </span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown maw={320}>
        {actions.map((a) => (
          <Menu.Item key={a.label} color={a.color} disabled={a.disabled} onClick={a.onClick}>
            {a.label}
            {a.hint && (
              <Text size="xs" c="dimmed">
                {a.hint}
              </Text>
            )}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
