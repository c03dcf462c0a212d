/**
 * `/api/tickets` (DESIGN.md § HTTP API): the messaging inbox. Shapes mirror `TicketSchema`,
 * `TicketList`, `ResolveResponse` and `UnreadCount` in src/messaging/tickets.schema.ts.
 * Every ticket cache lives under {@link ticketsKey}: any ticket write invalidates it, so the inbox
 * and the navbar's unread badge refresh at once; resolving also invalidates every provisioning
 * cache, because the action changed what the target holds.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { useInvalidatingMutation } from "./resource";
import type { Page } from "./types";

export type TicketStatus = "open" | "resolved" | "dismissed";

/** Mirrors `TicketSchema`. */
export interface Ticket {
  id: number;
  applicationId: string;
  applicationName: string | null;
  /** userGainsAccess, userLosesAccess, userDeactivated, userReactivated, userUpdated, reconcile, jobFailed, targetPaused. */
  event: string;
  userId: string | null;
  userEmail: string | null;
  folderId: string | null;
  folderName: string | null;
  /** The job kind the one-click action runs (`account.provision`…), or `target.resume`. */
  action: string;
  payload: Record<string, unknown>;
  title: string;
  message: string;
  status: TicketStatus;
  read: boolean;
  jobId: number | null;
  /** The outcome of the last action: `{ outcome, message, … }`. */
  result: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** `admin:<id>`, `token:<name>` or `system`. */
  resolvedBy: string | null;
}

/** Mirrors `TicketList`: a page plus the unread count over the whole inbox. */
export interface TicketPage extends Page<Ticket> {
  unread: number;
}

/** Mirrors `ResolveOutcomeSchema`: `done`/`notApplicable` close the ticket, the others keep it open. */
export type ResolveOutcome =
  | { status: "done"; message: string; result?: Record<string, unknown>; jobId?: number }
  | { status: "notApplicable"; message: string }
  | { status: "failed"; message: string; jobId?: number }
  | { status: "pending"; message: string; jobId: number };

/** Mirrors `ResolveResponse`. */
export interface ResolveResponse {
  ticket: Ticket;
  outcome: ResolveOutcome;
}

/** Mirrors `TicketListQuery` (`status` left out means every status). */
export interface TicketQuery {
  status?: TicketStatus;
  applicationId?: string;
  page: number;
  pageSize: number;
}

export const ticketsKey = ["tickets"] as const;
export const unreadCountKey = [...ticketsKey, "unread-count"] as const;

/** How often the navbar's unread count and the open inbox ask again. */
const POLL_MS = 10_000;

/** `GET /tickets`: one page, newest first; polled like the badge, so new tickets arrive by themselves. */
export const useTickets = (q: TicketQuery) =>
  useQuery({
    queryKey: [...ticketsKey, "list", q],
    queryFn: () => api<TicketPage>("GET", "/tickets", { query: { ...q } }),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });

/** `GET /tickets/unread-count`, polled for the navbar badge. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api<{ unread: number }>("GET", "/tickets/unread-count"),
    refetchInterval: POLL_MS,
    select: (d) => d.unread,
  });

/** `POST /tickets/:id/read` (idempotent). */
export const useMarkRead = () =>
  useInvalidatingMutation([ticketsKey], (id: number) => api<Ticket>("POST", `/tickets/${id}/read`));

/** `POST /tickets/:id/resolve`: performs the ticket's action and answers what it did. */
export const useResolveTicket = () =>
  useInvalidatingMutation([ticketsKey, ["provisioning"]], (id: number) =>
    api<ResolveResponse>("POST", `/tickets/${id}/resolve`),
  );

/** `POST /tickets/:id/dismiss`: closes the ticket without acting. */
export const useDismissTicket = () =>
  useInvalidatingMutation([ticketsKey], (id: number) => api<Ticket>("POST", `/tickets/${id}/dismiss`));
