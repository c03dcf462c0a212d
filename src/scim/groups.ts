/**
 * Groups, RFC 7643 §4.2: the shared resource operations plus membership changes by PATCH
 * `add`/`remove` on `members`, chunked to the target's limit, with a PUT fallback.
 */
import { filter } from "./filter.js";
import { chunk } from "./patch.js";
import type { RequestContext } from "./request.js";
import { type ResourceOps, resourceOps } from "./resources.js";
import { type Capabilities, type NewGroup, SCHEMA_GROUP, type ScimGroup, type ScimMember } from "./types.js";
import { isPatchUnsupported } from "./users.js";
import { asGroup, groupSchema } from "./wire.js";

/** Group operations. */
export interface GroupsApi extends ResourceOps<ScimGroup, NewGroup> {
  /** Finds a group by exact `displayName`. */
  findByDisplayName(displayName: string): Promise<ScimGroup | undefined>;
  /**
   * Adds members: PATCH `{op:"add", path:"members", value:[{value}]}` in chunks of
   * `membersPerPatch` (RFC 7644 §3.5.2.1). Where PATCH is unsupported: GET, union, PUT.
   */
  addMembers(groupId: string, memberIds: readonly string[]): Promise<void>;
  /** Removes members: PATCH `remove` on `members` with a value list (the Entra/AWS form), chunked; PUT fallback. */
  removeMembers(groupId: string, memberIds: readonly string[]): Promise<void>;
}

export function groupsApi(
  ctx: RequestContext,
  caps: () => Capabilities,
  learn: (c: Partial<Capabilities>) => void,
  membersPerPatch: number,
): GroupsApi {
  const ops = resourceOps<ScimGroup, NewGroup>(ctx, caps, {
    endpoint: "/Groups",
    schemaUrn: SCHEMA_GROUP,
    itemSchema: groupSchema.transform(asGroup),
    naturalKey: "displayName",
  });

  async function change(groupId: string, ids: readonly string[], op: "add" | "remove"): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    if (caps().patch) {
      try {
        for (const part of chunk(unique, membersPerPatch)) {
          await ops.modify(groupId, [{ op, path: "members", value: part.map((value) => ({ value })) }]);
        }
        return;
      } catch (err) {
        // Only the first chunk can meet "PATCH unsupported"; the PUT below recomputes from the
        // group's current state, so chunks already applied are not applied twice.
        if (!isPatchUnsupported(err)) throw err;
        learn({ patch: false });
      }
    }
    await putMembers(groupId, unique, op);
  }

  /**
   * PUT fallback (RFC 7644 §3.5.1): PUT replaces the whole group, so the current members are read
   * first and kept. A group returned without `members` is taken as empty (RFC 7643 §2.4 lets servers
   * omit empty multi-valued attributes); targets that omit members they have support PATCH (AWS).
   */
  async function putMembers(groupId: string, ids: string[], op: "add" | "remove"): Promise<void> {
    const current = await ops.get(groupId);
    const members = new Map<string, ScimMember>((current.members ?? []).map((m) => [m.value, m]));
    for (const id of ids) {
      if (op === "add") {
        if (!members.has(id)) members.set(id, { value: id });
      } else members.delete(id);
    }
    await ops.replace(groupId, { ...current, members: [...members.values()].map(memberRef) });
  }

  return {
    ...ops,
    async findByDisplayName(displayName) {
      const found = await ops.search(filter.eq("displayName", displayName), { pageSize: 10 });
      return found.find((g) => g.displayName === displayName) ?? found[0];
    },
    addMembers: (groupId, ids) => change(groupId, ids, "add"),
    removeMembers: (groupId, ids) => change(groupId, ids, "remove"),
  };
}

/** What we send for a member: `value` (+ `type` when known); `display`/`$ref` are server-computed. */
function memberRef(m: ScimMember): ScimMember {
  return m.type ? { value: m.value, type: m.type } : { value: m.value };
}
