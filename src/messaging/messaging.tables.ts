/**
 * Tickets: messages in SmartLink messaging that guide an admin to an action and can perform it in
 * one click (migration 0005).
 */
import type { Generated, Selectable } from "kysely";

export type TicketStatus = "open" | "resolved" | "dismissed";

export interface TicketsTable {
  id: Generated<number>;
  application_id: string;
  /** The provisioning event (`userGainsAccess`…), or `jobFailed` / `targetPaused`. */
  event: string;
  user_id: string | null;
  folder_id: string | null;
  /** The job kind the one-click action enqueues. */
  action: string;
  /** JSON payload of that job. */
  payload: string;
  title: string;
  message: string;
  status: TicketStatus;
  /** At most one open ticket per key: `<app>:<event>:<subject>`. */
  dedupe_key: string;
  /** The job that resolving it started (or whose failure raised it). */
  job_id: number | null;
  /** JSON outcome of the action. */
  result: string | null;
  read_at: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  /** `admin:<id>` or `system`. */
  resolved_by: string | null;
}

export interface MessagingTables {
  tickets: TicketsTable;
}

export type TicketRow = Selectable<TicketsTable>;
