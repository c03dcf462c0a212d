/**
 * zod schemas of the /api/users routes: strict bodies (unknown fields → 400 naming them).
 */
import { z } from "zod";
import { PageQuery } from "./common.schema.js";

const Email = z.email({ message: "must be an email address" }).max(254);
const PersonName = z.string().trim().min(1).max(100);
/** Extra attributes: a flat-ish JSON object, bounded (50 keys, 64-character keys). */
const Attributes = z
  .record(z.string().min(1).max(64), z.unknown())
  .refine((o) => Object.keys(o).length <= 50, { message: "at most 50 attributes" });

/** Response shape of a user (DESIGN.md § core JSON shapes). */
export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    displayName: z.string(),
    active: z.boolean(),
    attributes: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("User");

/** POST /users body; unknown fields are rejected. */
export const CreateUserBody = z.strictObject({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  displayName: z.string().trim().min(1).max(200).optional().describe('Default: "First Last"'),
  active: z.boolean().optional(),
  attributes: Attributes.optional(),
});

/** PATCH /users/:id body; `active` is not here: use deactivate/reactivate. */
export const UpdateUserBody = z.strictObject({
  email: Email.optional(),
  firstName: PersonName.optional(),
  lastName: PersonName.optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  attributes: Attributes.optional().describe(
    "Merged into the current attributes; a null value removes a key",
  ),
});

/** GET /users query: paging, search, and `active=true|false`. */
export const UserListQuery = PageQuery.extend({
  active: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
});
