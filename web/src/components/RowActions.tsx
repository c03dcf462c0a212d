import { ActionIcon, Menu } from "@mantine/core";

export interface RowAction {
  label: string;
  onClick(): void;
  color?: string;
  disabled?: boolean;
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
      <Menu.Dropdown>
        {actions.map((a) => (
          <Menu.Item key={a.label} color={a.color} disabled={a.disabled} onClick={a.onClick}>
            {a.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
