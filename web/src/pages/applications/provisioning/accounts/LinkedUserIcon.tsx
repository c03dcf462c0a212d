/**
 * The "SmartLink user" cell of the Accounts table: a small person icon, filled and coloured when a
 * SmartLink user is associated with the account, hollow and grey when not. The icon is focusable
 * and named ("Associated with Ada Lovelace" / "No SmartLink user"), and its tooltip names who, so
 * the answer is there on hover and from the keyboard alike.
 */
import { Box, Tooltip } from "@mantine/core";
import type { LinkedUser } from "../../../../api/accounts";

function PersonIcon({ filled }: { filled: boolean }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill={filled ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </svg>
  );
}

export function LinkedUserIcon({ user }: { user: LinkedUser | null }) {
  const name = user ? (user.displayName ?? user.email ?? user.id) : null;
  const label = name ? `Associated with ${name}` : "No SmartLink user";
  const tip = user ? [user.displayName, user.email].filter(Boolean).join(" · ") || user.id : label;
  return (
    <Tooltip
      label={user ? `Associated with ${tip}` : label}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Box
        component="span"
        role="img"
        aria-label={label}
        tabIndex={0}
        c={user ? "teal.7" : "gray.5"}
        style={{ display: "inline-flex", borderRadius: 4 }}
      >
        <PersonIcon filled={user !== null} />
      </Box>
    </Tooltip>
  );
}
