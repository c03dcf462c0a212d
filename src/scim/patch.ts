/**
 * PATCH request building, RFC 7644 §3.5.2. What we send is validated strictly (unlike what we
 * receive): a malformed operation is a bug on our side and must not reach a target.
 */
import { z } from "zod";
import { isScimError, ScimError } from "./errors.js";
import { type PatchOperation, SCHEMA_PATCH_OP } from "./types.js";

const operationSchema = z
  .object({
    op: z.enum(["add", "remove", "replace"]),
    path: z.string().min(1).optional(),
    value: z.unknown().optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    // §3.5.2.2: remove without a path is an error (noTarget); §3.5.2.1/3: add/replace need a value.
    if (o.op === "remove" && !o.path) ctx.addIssue({ code: "custom", message: "remove requires a path" });
    if (o.op !== "remove" && o.value === undefined)
      ctx.addIssue({ code: "custom", message: `${o.op} requires a value` });
    if (
      o.path === undefined &&
      o.op !== "remove" &&
      (typeof o.value !== "object" || o.value === null || Array.isArray(o.value))
    ) {
      ctx.addIssue({ code: "custom", message: `${o.op} without path requires an object value` });
    }
  });

/** Builders for single operations. Paths may be value paths built with `valuePath()` from filter.ts. */
export const patchOp = {
  /** §3.5.2.1 */
  add: (path: string | undefined, value: unknown): PatchOperation =>
    path === undefined ? { op: "add", value } : { op: "add", path, value },
  /** §3.5.2.3 (Entra sends `replace` for almost everything). */
  replace: (path: string | undefined, value: unknown): PatchOperation =>
    path === undefined ? { op: "replace", value } : { op: "replace", path, value },
  /** §3.5.2.2 */
  remove: (path: string, value?: unknown): PatchOperation =>
    value === undefined ? { op: "remove", path } : { op: "remove", path, value },
};

/** The PATCH request body, RFC 7644 §3.5.2; throws a `rejected` ScimError on an invalid operation. */
export function patchBody(operations: readonly PatchOperation[]): {
  schemas: string[];
  Operations: PatchOperation[];
} {
  if (operations.length === 0) {
    throw new ScimError({
      category: "rejected",
      scimType: "invalidSyntax",
      detail: "PATCH needs at least one operation",
    });
  }
  const parsed = z.array(operationSchema).safeParse(operations);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScimError({
      category: "rejected",
      scimType: "invalidSyntax",
      detail: `invalid PATCH operation ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`,
    });
  }
  return { schemas: [SCHEMA_PATCH_OP], Operations: parsed.data as PatchOperation[] };
}

/** Splits `items` in chunks of at most `size` (≥ 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/** True when an error means "this target does not do PATCH" (RFC 7644 §3.5.2 is optional in practice). */
export function isPatchUnsupported(err: unknown): boolean {
  return isScimError(err) && (err.status === 501 || err.status === 405);
}
