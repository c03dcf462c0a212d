/**
 * zod schemas of the /api/folders routes.
 */
import { z } from "zod";
import { Id, Name } from "./common.schema.js";

/** Response shape of a folder (counts on get and list). */
export const Folder = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    memberCount: z.number().int().optional(),
    applicationCount: z.number().int().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("Folder");

const Description = z.string().max(2000);

/** POST /folders body; unknown fields are rejected. */
export const CreateFolderBody = z.strictObject({ name: Name, description: Description.optional() });
/** PATCH /folders/:id body; unknown fields are rejected. */
export const UpdateFolderBody = z.strictObject({
  name: Name.optional(),
  description: Description.optional(),
});

/** `:id` (folder) and `:userId`, both UUIDs. */
export const FolderMemberParams = z.strictObject({ id: Id, userId: Id });
/** `:id` (folder) and `:appId`, both UUIDs. */
export const FolderAppParams = z.strictObject({ id: Id, appId: Id });
