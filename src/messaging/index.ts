/** The messaging module's public face: tickets (CONVENTIONS.md §1). */

export type { MessagingTables, TicketRow, TicketStatus, TicketsTable } from "./messaging.tables.js";
export { messagingRoutes } from "./tickets.routes.js";
export { ResolveOutcomeSchema, TicketSchema } from "./tickets.schema.js";
export {
  type Actor,
  actorRef,
  createMessaging,
  type ListTicketsQuery,
  type Messaging,
  type MessagingOptions,
  type OpenTicketInput,
  type ResolveOutcome,
  type Ticket,
} from "./tickets.service.js";
