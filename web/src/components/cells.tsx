import { Anchor, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";

/** An in-app link in a table cell (or anywhere): a Mantine anchor over a router link. */
export function LinkCell({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to}>
      {children}
    </Anchor>
  );
}

/** Secondary text in a table cell: small and dimmed, optionally clamped to a number of lines. */
export function DimmedCell({ children, lineClamp }: { children: ReactNode; lineClamp?: number }) {
  return (
    <Text size="sm" c="dimmed" lineClamp={lineClamp}>
      {children}
    </Text>
  );
}
