/**
 * zod schemas of the /tickets routes: the ticket, the outcome of resolving one, and the list query.
 */
import { z } from "zod";
import { Id, ListOf, PageQuerySchema } from "../directory/index.js";

const Status = z.enum(["open", "resolved", "dismissed"]);
const Json = z.record(z.string(), z.unknown());

/** A ticket (DESIGN.md `ticket`), with the names of what it points at (null once deleted). */
export const TicketSchema = z
  .object({
    id: z.number().int(),
    applicationId: z.string(),
    applicationName: z.string().nullable(),
    event: z.string().describe("userGainsAccess, userLosesAccess, userDeactivated, userUpdated, jobFailed…"),
    userId: z.string().nullable(),
    userEmail: z.string().nullable(),
    folderId: z.string().nullable(),
    folderName: z.string().nullable(),
    action: z.string().describe("The job kind the one-click action runs"),
    payload: Json,
    title: z.string(),
    message: z.string(),
    status: Status,
    read: z.boolean(),
    jobId: z.number().int().nullable().describe("The job resolving it started, or whose failure raised it"),
    result: Json.nullable().describe("The outcome of the last action: { outcome, message, … }"),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable().describe("`admin:<id>`, `token:<name>` or `system`"),
  })
  .describe("Ticket");

/** What resolving did: `done`/`notApplicable` close the ticket, `failed`/`pending` leave it open. */
export const ResolveOutcomeSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("done"),
    message: z.string(),
    result: Json.optional(),
    jobId: z.number().int().optional(),
  }),
  z.object({ status: z.literal("notApplicable"), message: z.string() }),
  z.object({ status: z.literal("failed"), message: z.string(), jobId: z.number().int().optional() }),
  z.object({ status: z.literal("pending"), message: z.string(), jobId: z.number().int() }),
]);

/** `:id` of a ticket: a positive integer. */
export const TicketParams = z.strictObject({ id: z.coerce.number().int().positive() });

/** `?status=&applicationId=&page=&pageSize=`. */
export const TicketListQuery = PageQuerySchema.omit({ search: true }).extend({
  status: Status.optional(),
  applicationId: Id.optional(),
});

/** A page of tickets plus the inbox's unread count. */
export const TicketList = ListOf(TicketSchema).extend({
  unread: z.number().int().describe("Open tickets no admin has read, over all applications"),
});

export const UnreadCount = z.object({ unread: z.number().int() });

export const ResolveResponse = z.object({ ticket: TicketSchema, outcome: ResolveOutcomeSchema });
