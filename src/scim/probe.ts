/**
 * The capability probe: finds out what a target really does, by trying it, and leaves nothing
 * behind. It creates one uniquely named user (and one group holding it), tries PATCH, filters,
 * pagination and the page-size cap, then deletes both — on every path, including failures.
 */
import { randomBytes } from "node:crypto";
import { isScimError, ScimError } from "./errors.js";
import { filter } from "./filter.js";
import type { GroupsApi } from "./groups.js";
import { isPatchUnsupported, patchBody, patchOp } from "./patch.js";
import { type RequestContext, scimRequest } from "./request.js";
import type { Capabilities, ScimGroup, ScimUser } from "./types.js";
import type { UsersApi } from "./users.js";
import { listResponseSchema } from "./wire.js";

/** Page size asked for when measuring the cap. */
const CAP_PROBE_COUNT = 1000;

/**
 * Runs the probe starting from `declared` (discovery's view) and returns verified capabilities.
 * A step that the target refuses (4xx/501) records "unsupported"; a transient or config failure
 * aborts the probe with that error, after cleanup. A failed cleanup is reported by throwing
 * (category of the cleanup error) so a caller never believes nothing was left behind when it was.
 */
export async function probeCapabilities(
  ctx: RequestContext,
  users: UsersApi,
  groups: GroupsApi,
  declared: Capabilities,
): Promise<Capabilities> {
  const tag = `scim-probe-${randomBytes(6).toString("hex")}`;
  const userName = `${tag}@probe.invalid`;
  const caps: Capabilities = { ...declared, filter: { ...declared.filter }, source: "probe" };
  let user: ScimUser | undefined;
  let group: ScimGroup | undefined;
  let failure: unknown;
  let groupAttempted = false;
  try {
    user = await users.create({
      userName,
      name: { givenName: "SCIM", familyName: "Probe" },
      displayName: `SCIM probe ${tag}`,
      active: true,
      emails: [{ value: userName, type: "work", primary: true }],
    });
    // A raw PATCH: `users.modify` would fall back to GET + PUT and hide the answer.
    caps.patch = await supported(
      () =>
        scimRequest(ctx, {
          method: "PATCH",
          path: `/Users/${encodeURIComponent(user!.id)}`,
          body: patchBody([patchOp.replace("displayName", `SCIM probe ${tag} (patched)`)]),
        }),
      isPatchUnsupported,
    );
    caps.filter.eq = await found(() => users.search(filter.eq("userName", userName)), user.id);
    caps.filter.and = await found(
      () => users.search(filter.and(filter.eq("userName", userName), filter.eq("active", true))),
      user.id,
    );
    caps.filter.sw = await found(() => users.search(filter.sw("userName", tag)), user.id);
    caps.pagination = await paginationStyle(ctx, declared);
    caps.maxPageSize = await pageCap(ctx, declared);
    groupAttempted = true;
    group = await groups.create({ displayName: tag, members: [{ value: user.id }] });
    caps.groupListIncludesMembers = await listIncludesMembers(ctx, tag, caps);
    caps.contentType = ctx.contentType;
  } catch (err) {
    failure = err;
  }
  const cleanupErrors = await cleanup(
    users,
    groups,
    user ? { id: user.id } : { name: userName },
    group ? { id: group.id } : groupAttempted ? { name: tag } : undefined,
    caps.filter.eq,
  );
  if (failure) throw failure;
  if (cleanupErrors[0]) throw cleanupErrors[0];
  // RFC 7644 §3.6: after DELETE the resource must be gone. A target that still serves it only
  // deactivated it (Slack); the probe user then stays, inactive — nothing more can be done.
  caps.deleteDeactivatesOnly = await stillThere(users, user!.id);
  return caps;
}

async function stillThere(users: UsersApi, id: string): Promise<boolean> {
  try {
    await users.get(id);
    return true;
  } catch (err) {
    if (isScimError(err, "notFound")) return false;
    throw err;
  }
}

/** true if `step` succeeds, false if the target refuses it as unsupported, else rethrow. */
async function supported(
  step: () => Promise<unknown>,
  unsupported: (e: unknown) => boolean,
): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    if (unsupported(err) || isScimError(err, "rejected")) return false;
    throw err;
  }
}

/** A filter works if it is accepted and finds the probe user. */
async function found(step: () => Promise<Array<{ id: string }>>, id: string): Promise<boolean> {
  try {
    return (await step()).some((r) => r.id === id);
  } catch (err) {
    if (isScimError(err, "rejected")) return false;
    throw err;
  }
}

/** RFC 9865 §2: a first request with an empty `cursor` gets `nextCursor` back from a cursor-capable target. */
async function paginationStyle(
  ctx: RequestContext,
  declared: Capabilities,
): Promise<Capabilities["pagination"]> {
  try {
    const page = await scimRequest(ctx, {
      method: "GET",
      path: "/Users",
      query: { count: 1, cursor: "" },
      schema: listResponseSchema,
    });
    if (page.nextCursor) return "cursor";
    // Only one resource in total: the answer cannot tell; keep what the target declared.
    if ((page.totalResults ?? 0) <= 1) return declared.pagination;
    return "index";
  } catch (err) {
    if (isScimError(err, "rejected")) return "index";
    throw err;
  }
}

/** Asks for a large page (ids only) and reads how many items came back. */
async function pageCap(ctx: RequestContext, declared: Capabilities): Promise<number | undefined> {
  const query = {
    count: CAP_PROBE_COUNT,
    attributes: "id",
    ...(declared.pagination === "cursor" ? { cursor: "" } : {}),
  };
  const page = await scimRequest(ctx, { method: "GET", path: "/Users", query, schema: listResponseSchema });
  const n = page.Resources.length;
  const total = page.totalResults ?? n;
  if (n > 0 && n < Math.min(CAP_PROBE_COUNT, total)) return n;
  return declared.maxPageSize;
}

async function listIncludesMembers(
  ctx: RequestContext,
  displayName: string,
  caps: Capabilities,
): Promise<boolean | undefined> {
  if (!caps.filter.eq) return undefined;
  const page = await scimRequest(ctx, {
    method: "GET",
    path: "/Groups",
    query: { filter: filter.eq("displayName", displayName) },
    schema: listResponseSchema,
  });
  const g = page.Resources[0] as { members?: unknown[] } | undefined;
  return g ? Array.isArray(g.members) && g.members.length > 0 : undefined;
}

type Ref = { id: string } | { name: string };

/**
 * Deletes what the probe created. A ref is the id when creation returned, else the unique name,
 * looked up first (a create that failed ambiguously may still have landed). Group before user.
 */
async function cleanup(
  users: UsersApi,
  groups: GroupsApi,
  userRef: Ref,
  groupRef: Ref | undefined,
  canFilter: boolean,
): Promise<ScimError[]> {
  const errors: ScimError[] = [];
  const attempt = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      errors.push(
        err instanceof ScimError ? err : new ScimError({ category: "transient", detail: String(err) }),
      );
    }
  };
  if (groupRef) {
    await attempt(async () => {
      const id =
        "id" in groupRef
          ? groupRef.id
          : canFilter
            ? (await groups.findByDisplayName(groupRef.name))?.id
            : undefined;
      if (id) await groups.delete(id);
    });
  }
  await attempt(async () => {
    const id =
      "id" in userRef ? userRef.id : canFilter ? (await users.findByUserName(userRef.name))?.id : undefined;
    if (id) await users.delete(id);
  });
  return errors;
}
