/**
 * /api/tickets: the messaging inbox — list, read, and act on tickets (resolve performs the action).
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses } from "../directory/index.js";
import {
  ResolveResponse,
  TicketList,
  TicketListQuery,
  TicketParams,
  TicketSchema,
  UnreadCount,
} from "./tickets.schema.js";
import type { Actor, Messaging } from "./tickets.service.js";

const tags = ["tickets"];

/** The authenticated admin as the tickets record them. */
const actorOf = (req: FastifyRequest): Actor => ({
  id: req.admin?.id ?? null,
  label: req.admin ? (req.admin.email ?? req.admin.name) : null,
});

/** Fastify plugin: the /tickets routes (registered under /api with `{ messaging: ctx.messaging }`). */
export const messagingRoutes: FastifyPluginAsync<{ messaging: Messaging }> = async (base, { messaging }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/tickets",
    {
      schema: {
        tags,
        summary: "List tickets, newest first, with the unread count",
        querystring: TicketListQuery,
        response: { 200: TicketList, ...errorResponses },
      },
    },
    async (req) => messaging.list(req.query),
  );
  app.get(
    "/tickets/unread-count",
    {
      schema: {
        tags,
        summary: "Open tickets no admin has read (the inbox badge)",
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async () => ({ unread: await messaging.unreadCount() }),
  );
  app.get(
    "/tickets/:id",
    {
      schema: {
        tags,
        summary: "Get a ticket",
        params: TicketParams,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (req) => messaging.get(req.params.id),
  );
  app.post(
    "/tickets/:id/read",
    {
      schema: {
        tags,
        summary: "Mark a ticket read (idempotent)",
        params: TicketParams,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (req) => messaging.markRead(req.params.id),
  );
  app.post(
    "/tickets/:id/resolve",
    {
      schema: {
        tags,
        summary:
          "Perform the ticket's action (done or not applicable resolves it; failed or pending keeps it open)",
        params: TicketParams,
        response: { 200: ResolveResponse, ...errorResponses },
      },
    },
    async (req) => messaging.resolve(req.params.id, actorOf(req)),
  );
  app.post(
    "/tickets/:id/dismiss",
    {
      schema: {
        tags,
        summary: "Dismiss an open ticket without acting",
        params: TicketParams,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (req) => messaging.dismiss(req.params.id, actorOf(req)),
  );
};
