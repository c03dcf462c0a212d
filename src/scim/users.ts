/** Users, RFC 7643 §4.1 / RFC 7644 §3: the shared resource operations plus user-specific helpers. */
import { filter } from "./filter.js";
import { patchOp } from "./patch.js";
import { READ_ONLY } from "./patch-apply.js";
import type { RequestContext } from "./request.js";
import { type ResourceOps, resourceOps } from "./resources.js";
import { type Capabilities, type NewUser, SCHEMA_USER, type ScimUser } from "./types.js";
import { asUser, userSchema } from "./wire.js";

/** User operations. */
export interface UsersApi extends ResourceOps<ScimUser, NewUser> {
  /** Finds a user by exact `userName` (filter `userName eq "…"`, quoted and escaped). */
  findByUserName(userName: string): Promise<ScimUser | undefined>;
  /**
   * Sets `active` (RFC 7643 §4.1.1) with PATCH `replace`; where PATCH is unsupported, `modify`'s
   * GET + PUT fallback (with If-Match). Deactivation is what Okta and Entra send instead of DELETE.
   */
  setActive(id: string, active: boolean): Promise<void>;
}

export { isPatchUnsupported } from "./patch.js";

export function usersApi(
  ctx: RequestContext,
  caps: () => Capabilities,
  learn: (c: Partial<Capabilities>) => void,
): UsersApi {
  const ops = resourceOps<ScimUser, NewUser>(ctx, caps, learn, {
    endpoint: "/Users",
    schemaUrn: SCHEMA_USER,
    itemSchema: userSchema.transform(asUser),
    naturalKey: "userName",
    readOnly: READ_ONLY.User,
  });
  return {
    ...ops,
    async findByUserName(userName) {
      const found = await ops.search(filter.eq("userName", userName), { pageSize: 10 });
      return found.find((u) => u.userName === userName) ?? found[0];
    },
    async setActive(id, active) {
      await ops.modify(id, [patchOp.replace("active", active)]);
    },
  };
}
