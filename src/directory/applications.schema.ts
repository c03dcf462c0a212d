/**
 * zod schemas of the /api/applications routes.
 */
import { z } from "zod";
import { Id, Name, Url } from "./common.schema.js";
import { User } from "./users.schema.js";

/** Response shape of an application. */
export const Application = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string().nullable(),
    iconUrl: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("Application");

/** POST /applications body; unknown fields are rejected. */
export const CreateApplicationBody = z.strictObject({
  name: Name,
  url: Url.nullable().optional(),
  iconUrl: Url.nullable().optional(),
});
/** PATCH /applications/:id body; unknown fields are rejected. */
export const UpdateApplicationBody = z.strictObject({
  name: Name.optional(),
  url: Url.nullable().optional().describe("null clears it"),
  iconUrl: Url.nullable().optional().describe("null clears it"),
});

/** `:id` (application) and `:userId`, both UUIDs. */
export const AppUserParams = z.strictObject({ id: Id, userId: Id });

/** One path of access: direct, or through a named folder. */
export const AccessVia = z.discriminatedUnion("type", [
  z.object({ type: z.literal("direct") }),
  z.object({ type: z.literal("folder"), folderId: z.string(), name: z.string() }),
]);
/** A row of GET /applications/:id/access. */
export const AccessRow = z.object({ user: User, via: z.array(AccessVia) }).describe("AccessRow");
