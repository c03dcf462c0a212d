/**
 * Tickets: SmartLink messaging. A ticket guides an admin to one action and performs it in one click
 * through the injected `perform` — the same action code as the automatic path (CONVENTIONS.md §11).
 * At most one ticket per dedupe key is open at a time; a repeated condition refreshes it.
 */
import { type Kysely, sql } from "kysely";
import type { Clock } from "../clock.js";
import { isoNow } from "../clock.js";
import type { Database, DB } from "../db/index.js";
import { pageWindow } from "../directory/index.js";
import { conflict, notFound } from "../errors.js";
import type { TicketStatus } from "./messaging.tables.js";
import * as q from "./tickets.queries.js";

/** A ticket as the API shows it (DESIGN.md: `ticket { id, applicationId, event, … }`). */
export interface Ticket {
  id: number;
  applicationId: string;
  applicationName: string | null;
  event: string;
  userId: string | null;
  userEmail: string | null;
  folderId: string | null;
  folderName: string | null;
  action: string;
  payload: Record<string, unknown>;
  title: string;
  message: string;
  status: TicketStatus;
  read: boolean;
  jobId: number | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface OpenTicketInput {
  applicationId: string;
  event: string;
  userId?: string | null;
  folderId?: string | null;
  /** The job kind the one-click action runs. */
  action: string;
  payload?: Record<string, unknown>;
  title: string;
  message: string;
  /** `<app>:<event>:<subject>`: at most one open ticket per key. */
  dedupeKey: string;
  jobId?: number | null;
}

/** What `perform` did with a ticket's action. */
export type ResolveOutcome =
  | { status: "done"; message: string; result?: Record<string, unknown>; jobId?: number }
  /** The action no longer applies: the ticket is resolved, nothing was done. */
  | { status: "notApplicable"; message: string }
  /** The ticket stays open; its result records the failure. */
  | { status: "failed"; message: string; jobId?: number }
  /** Still running: the ticket stays open with the job's id. */
  | { status: "pending"; message: string; jobId: number };

/** Who acts on a ticket: `request.admin`'s id, and its email or name. */
export interface Actor {
  id: string | null;
  label: string | null;
}

export interface ListTicketsQuery {
  status?: TicketStatus | undefined;
  applicationId?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface MessagingOptions {
  database: Database;
  clock: Clock;
  /** Performs a ticket's action (enqueues or runs its job). Throwing records a failure and rethrows. */
  perform(ticket: Ticket, actor: Actor): Promise<ResolveOutcome>;
}

const json = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null;
  const v: unknown = JSON.parse(text);
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

function toTicket(r: q.TicketView): Ticket {
  return {
    id: Number(r.id),
    applicationId: r.application_id,
    applicationName: r.application_name,
    event: r.event,
    userId: r.user_id,
    userEmail: r.user_email,
    folderId: r.folder_id,
    folderName: r.folder_name,
    action: r.action,
    payload: json(r.payload) ?? {},
    title: r.title,
    message: r.message,
    status: r.status,
    read: r.read_at !== null,
    jobId: r.job_id === null ? null : Number(r.job_id),
    result: json(r.result),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
  };
}

/** `resolved_by` of an admin's act. An API token no admin owns has no id: its label names it. */
export const actorRef = (actor: Actor) =>
  actor.id !== null ? `admin:${actor.id}` : `token:${actor.label ?? "unknown"}`;

/** Keeps the first read time: reading twice is still one read. */
const readNow = (at: string) => sql<string>`coalesce(read_at, ${at})`;

const closedError = (t: Ticket) =>
  conflict(
    "ticket.closed",
    `Ticket ${t.id} was already ${t.status} by ${t.resolvedBy ?? "someone"}${t.resolvedAt ? ` at ${t.resolvedAt}` : ""}`,
    { id: t.id, status: t.status, resolvedBy: t.resolvedBy, resolvedAt: t.resolvedAt },
  );

/** Creates the messaging service (tickets) over one database. */
export function createMessaging(opts: MessagingOptions) {
  const { db } = opts.database;
  const now = () => isoNow(opts.clock);

  async function get(id: number): Promise<Ticket> {
    const row = await q.findTicket(db, id);
    if (!row) throw notFound("ticket", String(id));
    return toTicket(row);
  }

  async function open(trx: Kysely<DB>, input: OpenTicketInput): Promise<{ id: number; created: boolean }> {
    const at = now();
    const refresh = {
      action: input.action,
      payload: JSON.stringify(input.payload ?? {}),
      title: input.title,
      message: input.message,
      // Omitted keeps the job the open ticket points at; null clears it.
      ...(input.jobId !== undefined ? { job_id: input.jobId } : {}),
      read_at: null,
      updated_at: at,
    };
    // Check, insert (the partial unique index arbitrates a race), check again. Another pass is
    // only needed when the rival's ticket was closed between its insert and our update.
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await q.findOpenIdByKey(trx, input.dedupeKey);
      if (existing) {
        const id = Number(existing.id);
        if (await q.updateOpenTicket(trx, id, refresh)) return { id, created: false };
        continue;
      }
      const id = await q.insertOpenTicket(trx, {
        application_id: input.applicationId,
        event: input.event,
        user_id: input.userId ?? null,
        folder_id: input.folderId ?? null,
        ...refresh,
        job_id: input.jobId ?? null,
        status: "open",
        dedupe_key: input.dedupeKey,
        result: null,
        created_at: at,
        resolved_at: null,
        resolved_by: null,
      });
      if (id !== undefined) return { id, created: true };
    }
    throw new Error(`Could not open a ticket for "${input.dedupeKey}": its open ticket kept changing`);
  }

  async function closeByKey(
    trx: Kysely<DB>,
    dedupeKey: string | readonly string[],
    result: Record<string, unknown>,
    /** Who resolved them: an admin whose one-click action this was (`actorRef`), else "system". */
    resolvedBy = "system",
  ) {
    const at = now();
    return q.closeOpenByKey(trx, dedupeKey, {
      status: "resolved",
      result: JSON.stringify(result),
      resolved_at: at,
      resolved_by: resolvedBy,
      updated_at: at,
    });
  }

  async function list(query: ListTicketsQuery) {
    const w = pageWindow(query);
    const filter = { status: query.status, applicationId: query.applicationId };
    const [{ rows, total }, unread] = await Promise.all([
      q.listTickets(db, filter, { limit: w.pageSize, offset: w.offset }),
      q.countUnread(db),
    ]);
    return { items: rows.map(toTicket), total, page: w.page, pageSize: w.pageSize, unread };
  }

  async function markRead(id: number): Promise<Ticket> {
    await q.updateTicketRow(db, id, { read_at: readNow(now()) });
    return get(id);
  }

  /** Writes an outcome onto a still-open ticket; acting on a ticket also marks it read. */
  async function record(id: number, outcome: ResolveOutcome, actor: Actor): Promise<void> {
    const at = now();
    const closes = outcome.status === "done" || outcome.status === "notApplicable";
    const extra = outcome.status === "done" ? outcome.result : undefined;
    await q.updateOpenTicket(db, id, {
      result: JSON.stringify({ ...extra, outcome: outcome.status, message: outcome.message }),
      ...("jobId" in outcome && outcome.jobId !== undefined ? { job_id: outcome.jobId } : {}),
      ...(closes ? { status: "resolved" as const, resolved_at: at, resolved_by: actorRef(actor) } : {}),
      read_at: readNow(at),
      updated_at: at,
    });
  }

  async function resolve(id: number, actor: Actor): Promise<{ ticket: Ticket; outcome: ResolveOutcome }> {
    const ticket = await get(id);
    if (ticket.status !== "open") throw closedError(ticket);
    // `perform` runs outside any transaction: it may call a SCIM target. Two admins clicking at
    // once may both perform; actions re-check their intent when they run, so that is harmless,
    // and `record` only writes to a ticket that is still open (the first outcome stays).
    let outcome: ResolveOutcome;
    try {
      outcome = await opts.perform(ticket, actor);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await record(id, { status: "failed", message }, actor);
      throw err;
    }
    await record(id, outcome, actor);
    return { ticket: await get(id), outcome };
  }

  async function dismiss(id: number, actor: Actor): Promise<Ticket> {
    const at = now();
    const closed = await q.updateOpenTicket(db, id, {
      status: "dismissed",
      resolved_at: at,
      resolved_by: actorRef(actor),
      read_at: readNow(at),
      updated_at: at,
    });
    if (!closed) throw closedError(await get(id));
    return get(id);
  }

  return {
    /**
     * Inside the caller's transaction: opens a ticket, or — when an open one has the same
     * `dedupeKey` — refreshes that one (title, message, action, payload, and the job id when given;
     * `updated_at` bumped; unread again) and returns it with `created: false`. Safe when two
     * transactions race: the partial unique index `tickets_open_uq` lets one insert win.
     */
    open,
    /**
     * Inside the caller's transaction: resolves the open ticket of `dedupeKey` as "system" with
     * `result` (the condition went away, or the automatic path did the work). Returns how many
     * tickets it closed (0 or 1).
     */
    closeByKey,
    /** One page of tickets, newest first (default page 1, 50 a page); `unread` counts all open unread. */
    list,
    /** One ticket; `ticket.not_found` (404) when there is none. */
    get,
    /** Open tickets no admin has read (the inbox badge). */
    unreadCount: (): Promise<number> => q.countUnread(db),
    /** Marks a ticket read (idempotent: the first read time stays). */
    markRead,
    /**
     * Performs the ticket's action through `perform`. Only an open ticket may be resolved, else
     * `ticket.closed` (409). `done`/`notApplicable` resolve it (by `admin:<id>`, result `{ outcome,
     * message, …result }`); `failed` leaves it open with that result; `pending` leaves it open with
     * the job's id. Acting marks the ticket read.
     */
    resolve,
    /** Dismisses an open ticket without acting; a closed one is `ticket.closed` (409). */
    dismiss,
  };
}

/** The messaging service: see {@link createMessaging}. */
export type Messaging = ReturnType<typeof createMessaging>;
