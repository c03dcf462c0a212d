import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Outlet, NavLink as RouterNavLink, useNavigate } from "react-router-dom";
import { meEmail, useLogout, useMe } from "../api/auth";
import { useUnreadCount } from "../api/tickets";
import { useNotify } from "../components/notifications";

const sections = [
  { to: "/applications", label: "Applications" },
  { to: "/users", label: "Users" },
  { to: "/folders", label: "Folders" },
  { to: "/messaging", label: "Messaging" },
];

/**
 * The signed-in frame: header with the admin and Log out, navbar with the four sections; Messaging
 * shows the unread ticket count (polled, and refreshed by every ticket action).
 */
export function AppLayout() {
  const [opened, { toggle }] = useDisclosure();
  const me = useMe();
  const logout = useLogout();
  const notify = useNotify();
  const navigate = useNavigate();
  const unread = useUnreadCount().data ?? 0;

  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate("/login", { replace: true }),
      onError: (err) => notify.error(err, "Could not log out"),
    });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={4}>SmartLink</Title>
          </Group>
          <Group>
            <Text size="sm" c="dimmed">
              {meEmail(me.data)}
            </Text>
            <Button variant="default" size="xs" onClick={onLogout} loading={logout.isPending}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {sections.map((s) => {
          const count = s.to === "/messaging" ? unread : 0;
          return (
            <RouterNavLink
              key={s.to}
              to={s.to}
              aria-label={count > 0 ? `${s.label}, ${count} unread` : undefined}
              style={{ textDecoration: "none", color: "inherit" }}
            >
              {({ isActive }) => (
                <NavLink
                  component="span"
                  label={s.label}
                  active={isActive}
                  rightSection={
                    count > 0 && (
                      <Badge size="sm" color="red" variant="filled" circle={count < 10} aria-hidden>
                        {count > 99 ? "99+" : count}
                      </Badge>
                    )
                  }
                />
              )}
            </RouterNavLink>
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
