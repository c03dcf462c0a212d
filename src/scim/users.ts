/** Users, RFC 7643 §4.1 / RFC 7644 §3: the shared resource operations plus user-specific helpers. */
import { isScimError } from "./errors.js";
import { filter } from "./filter.js";
import { patchOp } from "./patch.js";
import type { RequestContext } from "./request.js";
import { type ResourceOps, resourceOps } from "./resources.js";
import { type Capabilities, type NewUser, SCHEMA_USER, type ScimUser } from "./types.js";
import { asUser, userSchema } from "./wire.js";

/** User operations. */
export interface UsersApi extends ResourceOps<ScimUser, NewUser> {
  /** Finds a user by exact `userName` (filter `userName eq "…"`, quoted and escaped). */
  findByUserName(userName: string): Promise<ScimUser | undefined>;
  /**
   * Sets `active` (RFC 7643 §4.1.1) with PATCH `replace`, or GET + PUT where PATCH is unsupported.
   * Deactivation is what Okta and Entra send instead of DELETE.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

/** True when an error means "this target does not do PATCH" (RFC 7644 §3.5.2 is optional in practice). */
export function isPatchUnsupported(err: unknown): boolean {
  return isScimError(err) && (err.status === 501 || err.status === 405);
}

export function usersApi(
  ctx: RequestContext,
  caps: () => Capabilities,
  learn: (c: Partial<Capabilities>) => void,
): UsersApi {
  const ops = resourceOps<ScimUser, NewUser>(ctx, caps, {
    endpoint: "/Users",
    schemaUrn: SCHEMA_USER,
    itemSchema: userSchema.transform(asUser),
    naturalKey: "userName",
  });
  return {
    ...ops,
    async findByUserName(userName) {
      const found = await ops.search(filter.eq("userName", userName), { pageSize: 10 });
      return found.find((u) => u.userName === userName) ?? found[0];
    },
    async setActive(id, active) {
      if (caps().patch) {
        try {
          await ops.modify(id, [patchOp.replace("active", active)]);
          return;
        } catch (err) {
          if (!isPatchUnsupported(err)) throw err;
          learn({ patch: false });
        }
      }
      const current = await ops.get(id);
      await ops.replace(id, { ...current, active });
    },
  };
}
