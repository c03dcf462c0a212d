/**
 * The attribute mapping of an application: which SmartLink user field (or constant) fills which
 * SCIM attribute of the account. Validated syntactically here; against the target's schema in
 * validate.ts.
 */
import { z } from "zod";
import { targetKey } from "./paths.js";

/** The SmartLink user fields a mapping can read, besides `attributes.<key>`. */
export const USER_FIELDS = ["email", "firstName", "lastName", "displayName", "active", "id"] as const;
export type UserField = (typeof USER_FIELDS)[number];

const ATTRIBUTES_KEY = /^attributes\.([A-Za-z0-9_.-]+)$/;

/** True for `email`, `firstName`, …, `id` and `attributes.<key>` (key = `[A-Za-z0-9_.-]+`). */
export function isSourceAttribute(name: string): boolean {
  return (USER_FIELDS as readonly string[]).includes(name) || ATTRIBUTES_KEY.test(name);
}

/** The `<key>` of `attributes.<key>`, or undefined for a plain user field. */
export function extraAttributeKey(name: string): string | undefined {
  return ATTRIBUTES_KEY.exec(name)?.[1];
}

/** Where a value comes from: a field of the SmartLink user, or a constant. */
export const mappingSourceSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("attribute"),
    attribute: z.string().refine(isSourceAttribute, {
      message: `must be one of ${USER_FIELDS.join(", ")} or attributes.<key> (key: letters, digits, "_", ".", "-")`,
    }),
  }),
  z.strictObject({
    type: z.literal("constant"),
    value: z.union([z.string(), z.number(), z.boolean()]),
  }),
]);
export type MappingSource = z.infer<typeof mappingSourceSchema>;

/** One mapping line: `target` is a SCIM attribute path (RFC 7644 §3.10), see paths.ts. */
export const mappingEntrySchema = z.strictObject({
  target: z.string().trim().min(1).max(300),
  source: mappingSourceSchema,
});
export type MappingEntry = z.infer<typeof mappingEntrySchema>;

/**
 * A whole mapping: 1 to 100 entries, each target at most once. Targets compare case-insensitively
 * because SCIM attribute names are case-insensitive (RFC 7643 §2.1).
 */
export const userMappingSchema = z
  .array(mappingEntrySchema)
  .min(1)
  .max(100)
  .superRefine((entries, ctx) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const key = targetKey(entry.target);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        ctx.addIssue({
          code: "custom",
          path: [index, "target"],
          message: `"${entry.target}" is already mapped by entry ${first + 1}`,
        });
      }
    });
  });
export type UserMapping = z.infer<typeof userMappingSchema>;

const field = (attribute: UserField): MappingSource => ({ type: "attribute", attribute });

/**
 * The mapping every application starts with (DESIGN.md "Provisioning rules"): the work email is
 * sent as `{ value, type: "work", primary: true }` and `externalId` carries the SmartLink user id.
 * Frozen: it is shared by every application, so an accidental `push` throws instead of changing
 * everyone's default (typed mutable so it can stand wherever a `UserMapping` is expected).
 */
export const DEFAULT_USER_MAPPING: UserMapping = Object.freeze([
  { target: "userName", source: field("email") },
  { target: "name.givenName", source: field("firstName") },
  { target: "name.familyName", source: field("lastName") },
  { target: "displayName", source: field("displayName") },
  { target: 'emails[type eq "work"].value', source: field("email") },
  { target: "active", source: field("active") },
  { target: "externalId", source: field("id") },
]) as UserMapping;
