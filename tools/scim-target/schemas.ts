import { z } from "zod";
import { badRequest } from "./errors.js";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SEARCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

const multiValue = z.looseObject({
  value: z.string().optional(),
  display: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

const str = z.string().optional();

/** Core User attributes of RFC 7643 §4.1 (readOnly `id`, `meta`, `groups` are dropped by the caller). */
const userShape = {
  schemas: z.array(z.string()).optional(),
  externalId: str,
  userName: z.string().trim().min(1, "userName is required"),
  name: z
    .looseObject({
      formatted: str,
      familyName: str,
      givenName: str,
      middleName: str,
      honorificPrefix: str,
      honorificSuffix: str,
    })
    .optional(),
  displayName: str,
  nickName: str,
  profileUrl: str,
  title: str,
  userType: str,
  preferredLanguage: str,
  locale: str,
  timezone: str,
  active: z.boolean().optional(),
  password: str,
  emails: z.array(multiValue).optional(),
  phoneNumbers: z.array(multiValue).optional(),
  ims: z.array(multiValue).optional(),
  photos: z.array(multiValue).optional(),
  addresses: z.array(z.looseObject({ type: str, primary: z.boolean().optional() })).optional(),
  entitlements: z.array(multiValue).optional(),
  roles: z.array(multiValue).optional(),
  x509Certificates: z.array(multiValue).optional(),
  [ENTERPRISE_SCHEMA]: z
    .looseObject({
      employeeNumber: str,
      costCenter: str,
      organization: str,
      division: str,
      department: str,
      manager: z.looseObject({ value: str, $ref: str, displayName: str }).optional(),
    })
    .optional(),
};

const groupShape = {
  schemas: z.array(z.string()).optional(),
  externalId: str,
  displayName: z.string().trim().min(1, "displayName is required"),
  members: z
    .array(z.looseObject({ value: z.string().min(1), display: str, $ref: str, type: str }))
    .optional(),
};

const READ_ONLY = ["id", "meta", "groups"];

const variants = {
  User: { strict: z.strictObject(userShape), loose: z.looseObject(userShape), schema: USER_SCHEMA },
  Group: { strict: z.strictObject(groupShape), loose: z.looseObject(groupShape), schema: GROUP_SCHEMA },
} as const;

/**
 * Validates a User/Group body for POST/PUT and after PATCH. Read-only attributes (`id`, `meta`,
 * `groups`) are dropped, as RFC 7643 §7 lets a provider ignore them.
 * Strict mode (profile "strict") also requires `schemas` to name the core schema and only known
 * schemas, and rejects attributes the schema does not define (400 invalidSyntax);
 * other profiles keep unknown attributes, as most real targets do.
 */
export function validateResource(
  type: "User" | "Group",
  body: unknown,
  strict: boolean,
): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("invalidSyntax", "request body must be a JSON object");
  }
  const input: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const k of READ_ONLY) delete input[k];
  const v = variants[type];
  if (strict) checkSchemas(input.schemas, v.schema, type === "User" ? [ENTERPRISE_SCHEMA] : []);
  const parsed = (strict ? v.strict : v.loose).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "body";
    const scimType = issue?.code === "unrecognized_keys" ? "invalidSyntax" : "invalidValue";
    throw badRequest(scimType, `${where}: ${issue?.message ?? "invalid"}`);
  }
  const out = parsed.data as Record<string, unknown>;
  if (!out.schemas) out.schemas = [v.schema];
  return out;
}

function checkSchemas(schemas: unknown, core: string, extensions: string[]): void {
  if (!Array.isArray(schemas) || schemas.length === 0) {
    throw badRequest("invalidSyntax", "schemas is required");
  }
  if (!schemas.includes(core)) throw badRequest("invalidSyntax", `schemas must include ${core}`);
  for (const s of schemas) {
    if (s !== core && !extensions.includes(s))
      throw badRequest("invalidSyntax", `unknown schema ${String(s)}`);
  }
}

/** Top-level attribute names a strict PATCH path may start with. */
export const KNOWN_ATTRIBUTES = {
  User: new Set([...Object.keys(userShape), ...READ_ONLY].map((k) => k.toLowerCase())),
  Group: new Set([...Object.keys(groupShape), ...READ_ONLY].map((k) => k.toLowerCase())),
};

/** Body of POST /.search, RFC 7644 §3.4.3. */
export const searchRequest = z.looseObject({
  schemas: z.array(z.string()).optional(),
  filter: z.string().optional(),
  startIndex: z.number().int().optional(),
  count: z.number().int().optional(),
  sortBy: z.string().optional(),
  sortOrder: z.enum(["ascending", "descending"]).optional(),
  attributes: z.array(z.string()).optional(),
  excludedAttributes: z.array(z.string()).optional(),
  cursor: z.string().optional(),
});

/** PATCH body, RFC 7644 §3.5.2. Operation names are matched case-insensitively (Entra sends "Replace"). */
export const patchRequest = z.looseObject({
  schemas: z.array(z.string()),
  Operations: z
    .array(
      z.looseObject({
        op: z
          .string()
          .transform((s) => s.toLowerCase())
          .pipe(z.enum(["add", "remove", "replace"])),
        path: z.string().optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1),
});
export type PatchRequest = z.infer<typeof patchRequest>;
export type PatchOp = PatchRequest["Operations"][number];
