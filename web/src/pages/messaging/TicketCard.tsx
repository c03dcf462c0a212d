/**
 * One ticket of the inbox: the application, what happened, what the one-click action will do and
 * when, unread styling; for an open ticket the action button, Dismiss and the link to act by hand.
 * The title expands the details (the full message, the recorded result); expanding marks it read.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { type Ticket, useDismissTicket, useMarkRead, useResolveTicket } from "../../api/tickets";
import { ConfirmModal } from "../../components/ConfirmModal";
import { useNotify } from "../../components/notifications";
import {
  actionButton,
  actionSentence,
  ago,
  closedBy,
  eventLabel,
  handLink,
  isDestructive,
  outcomeWords,
  resultWords,
} from "./ticketWords";

const STATUS_BADGE = {
  resolved: { label: "Resolved", color: "green" },
  dismissed: { label: "Dismissed", color: "gray" },
} as const;

const problem = (t: Ticket) => t.event === "jobFailed" || t.event === "targetPaused";

export function TicketCard({ ticket: t }: { ticket: Ticket }) {
  const [expanded, setExpanded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const markRead = useMarkRead();
  const resolve = useResolveTicket();
  const dismiss = useDismissTicket();
  const notify = useNotify();
  const titleId = useId();
  const detailsId = useId();
  const unread = t.status === "open" && !t.read;
  const result = resultWords(t);
  const hand = handLink(t);

  const toggle = () => {
    setExpanded((v) => !v);
    if (!expanded && !t.read) {
      markRead.mutate(t.id, { onError: (err) => notify.error(err, "Could not mark the ticket read") });
    }
  };

  const onResolve = () =>
    resolve.mutate(t.id, {
      onSuccess: ({ outcome }) => {
        const words = outcomeWords(t, outcome);
        if (words.failed) notify.error(new Error(words.text), "The action failed");
        else notify.success(words.text);
      },
      onError: (err) => notify.error(err, `Could not ${actionSentence(t).toLowerCase()}`),
      onSettled: () => setConfirming(false),
    });

  const onDismiss = () =>
    dismiss.mutate(t.id, {
      onSuccess: () => notify.success(`Dismissed: ${t.title}`),
      onError: (err) => notify.error(err, "Could not dismiss the ticket"),
    });

  return (
    <Paper
      component="article"
      aria-labelledby={titleId}
      withBorder
      p="md"
      bg={unread ? "var(--mantine-color-indigo-0)" : undefined}
      style={{
        borderLeft: `4px solid var(--mantine-color-${unread ? "indigo-6" : "gray-3"})`,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            {unread && (
              <Badge size="sm" color="indigo" variant="filled">
                Unread
              </Badge>
            )}
            <Text size="sm" fw={600}>
              {t.applicationName ?? "Deleted application"}
            </Text>
            <Badge size="sm" variant="light" color={problem(t) ? "red" : "blue"}>
              {eventLabel(t)}
            </Badge>
            {t.status !== "open" && (
              <Badge size="sm" variant="outline" color={STATUS_BADGE[t.status].color}>
                {STATUS_BADGE[t.status].label}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            <time dateTime={t.createdAt} title={new Date(t.createdAt).toLocaleString()}>
              {ago(t.createdAt)}
            </time>
          </Text>
        </Group>
        <Text component="h3" m={0} size="md" fw={unread ? 700 : 500}>
          <UnstyledButton
            id={titleId}
            aria-expanded={expanded}
            aria-controls={detailsId}
            onClick={toggle}
            fz="inherit"
            fw="inherit"
          >
            <span aria-hidden>{expanded ? "▾" : "▸"}</span> {t.title}
          </UnstyledButton>
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t.status === "open" ? "One-click action: " : "Action: "}
          </Text>
          {actionSentence(t)}
        </Text>
        {result && (t.status !== "open" || result.color !== "green") && (
          <Text size="sm" c={result.color === "green" ? undefined : result.color}>
            {result.text}
          </Text>
        )}
        {t.status === "open" ? (
          <Group gap="sm" mt={4}>
            <Button
              size="xs"
              color={isDestructive(t) ? "red" : undefined}
              loading={resolve.isPending}
              aria-describedby={titleId}
              onClick={() => (isDestructive(t) ? setConfirming(true) : onResolve())}
            >
              {actionButton(t)}
            </Button>
            <Button
              size="xs"
              variant="default"
              loading={dismiss.isPending}
              aria-describedby={titleId}
              onClick={onDismiss}
            >
              Dismiss
            </Button>
            <Anchor component={Link} to={hand.to} size="sm">
              {hand.label}
            </Anchor>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t.status === "resolved" ? "Resolved" : "Dismissed"} by {closedBy(t)}
            {t.resolvedAt && ` ${ago(t.resolvedAt)}`}.
          </Text>
        )}
        <Collapse expanded={expanded} id={detailsId}>
          <Alert color={problem(t) ? "red" : "gray"} variant="light" mt="xs">
            <Text size="sm">{t.message}</Text>
            {t.jobId !== null && (
              <Text size="xs" c="dimmed" mt={4}>
                Job {t.jobId}
              </Text>
            )}
          </Alert>
        </Collapse>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={`${actionSentence(t)}?`}
        confirmLabel={actionButton(t)}
        loading={resolve.isPending}
        onConfirm={onResolve}
        onClose={() => setConfirming(false)}
      >
        SmartLink will delete the account of {t.userEmail ?? "this user"} in{" "}
        {t.applicationName ?? "the application"}. This cannot be undone from SmartLink.
      </ConfirmModal>
    </Paper>
  );
}
