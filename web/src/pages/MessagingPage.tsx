/**
 * `/messaging`: the inbox of tickets, newest first and server-paginated, filtered by status (Open by
 * default) and by application. Each ticket carries its one-click action (see `TicketCard`).
 */
import { Alert, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { applications } from "../api/applications";
import { type TicketStatus, useTickets } from "../api/tickets";
import type { Application } from "../api/types";
import { EntityPicker, type PickerOption } from "../components/EntityPicker";
import { ListFooter, PAGE_SIZE } from "../components/ListControls";
import { QueryError } from "../components/QueryError";
import { TicketCard } from "./messaging/TicketCard";

type StatusFilter = TicketStatus | "all";

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "dismissed", label: "Dismissed" },
  { value: "all", label: "All" },
];

const EMPTY: Record<StatusFilter, string> = {
  open: "Nothing to do. When an application's Settings use Notification, its tickets arrive here.",
  resolved: "No resolved tickets.",
  dismissed: "No dismissed tickets.",
  all: "No tickets yet. When an application's Settings use Notification, its tickets arrive here.",
};

export function MessagingPage() {
  const [status, setStatus] = useState<StatusFilter>("open");
  const [app, setApp] = useState<PickerOption | null>(null);
  const [page, setPage] = useState(1);
  const tickets = useTickets({
    ...(status === "all" ? {} : { status }),
    ...(app ? { applicationId: app.value } : {}),
    page,
    pageSize: PAGE_SIZE,
  });
  const data = tickets.data;

  return (
    <>
      <Group justify="space-between" mb="md" align="flex-end">
        <div>
          <Title order={2}>Messaging</Title>
          {data && (
            <Text size="sm" c="dimmed">
              {data.unread === 0 ? "Everything is read" : `${data.unread} unread`}
            </Text>
          )}
        </div>
      </Group>
      <Group mb="md" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="ticket-status-label">
            Status
          </Text>
          <SegmentedControl
            aria-labelledby="ticket-status-label"
            data={STATUSES}
            value={status}
            onChange={(v) => {
              setStatus(v as StatusFilter);
              setPage(1);
            }}
          />
        </Stack>
        <EntityPicker<Application>
          label="Application"
          placeholder="All applications"
          queryKey="applications"
          fetchPage={applications.list}
          toOption={(a) => ({ value: a.id, label: a.name })}
          value={app}
          onChange={(o) => {
            setApp(o);
            setPage(1);
          }}
        />
      </Group>
      <QueryError error={tickets.error} />
      {tickets.isPending && <Text c="dimmed">Loading…</Text>}
      {data && data.items.length === 0 && (
        <Alert color="gray" title="No tickets">
          {EMPTY[status]}
        </Alert>
      )}
      <Stack gap="sm" component="section" aria-label="Tickets">
        {data?.items.map((t) => (
          <TicketCard key={t.id} ticket={t} />
        ))}
      </Stack>
      {data && data.total > 0 && (
        <ListFooter total={data.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
      )}
    </>
  );
}
