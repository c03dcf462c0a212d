/**
 * Groups, RFC 7643 §4.2: the shared resource operations plus membership changes by PATCH
 * `add`/`remove` on `members`, chunked to the target's limit, with a PUT fallback.
 */
import { ScimError } from "./errors.js";
import { filter } from "./filter.js";
import { chunk } from "./patch.js";
import { READ_ONLY } from "./patch-apply.js";
import { type RequestContext, scimRequest } from "./request.js";
import { type ResourceOps, resourceOps } from "./resources.js";
import { type Capabilities, type NewGroup, SCHEMA_GROUP, type ScimGroup, type ScimMember } from "./types.js";
import { asGroup, groupSchema } from "./wire.js";

/** Group operations. */
export interface GroupsApi extends ResourceOps<ScimGroup, NewGroup> {
  /** Finds a group by exact `displayName`. */
  findByDisplayName(displayName: string): Promise<ScimGroup | undefined>;
  /**
   * Adds members: PATCH `{op:"add", path:"members", value:[{value}]}` in chunks of
   * `membersPerPatch` (RFC 7644 §3.5.2.1). Where PATCH is unsupported: GET, union, PUT with
   * If-Match; refused (`rejected`) when the group's current members cannot be seen.
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
  const ops = resourceOps<ScimGroup, NewGroup>(ctx, caps, learn, {
    endpoint: "/Groups",
    schemaUrn: SCHEMA_GROUP,
    itemSchema: groupSchema.transform(asGroup),
    naturalKey: "displayName",
    readOnly: READ_ONLY.Group,
    completeForPut: withVisibleMembers,
  });

  /**
   * Chunked PATCH while PATCH works. Once it is known not to (learned on the first chunk, whose
   * `modify` already fell back to GET + PUT), the remaining ids go in one `modify`, i.e. one GET + PUT
   * that recomputes from the group's current state, so nothing is applied twice.
   */
  async function change(groupId: string, ids: readonly string[], op: "add" | "remove"): Promise<void> {
    const parts = chunk([...new Set(ids)], membersPerPatch);
    for (let i = 0; i < parts.length; i++) {
      const batch = caps().patch ? parts[i]! : parts.slice(i).flat();
      await ops.modify(groupId, [{ op, path: "members", value: batch.map((value) => ({ value })) }]);
      if (batch !== parts[i]) return;
    }
  }

  /**
   * Guards the PUT fallback (RFC 7644 §3.5.1): PUT replaces the whole group, so members the client
   * cannot see would be deleted. RFC 7643 §2.4 lets a server omit an empty `members`, but AWS-like
   * targets omit members they have. When the GET lacks `members`, they are asked for explicitly
   * (`attributes=members`, RFC 7644 §3.4.2.5); still absent, the group counts as empty only when the
   * probe saw this target return members (`groupListIncludesMembers === true`), else the write is
   * refused (`rejected`) rather than risk data loss. Member refs lose server-computed `display`/`$ref`.
   */
  async function withVisibleMembers(id: string, group: ScimGroup): Promise<ScimGroup> {
    let members = group.members;
    if (members === undefined) {
      const again = await scimRequest(ctx, {
        method: "GET",
        path: `/Groups/${encodeURIComponent(id)}`,
        query: { attributes: "members" },
        schema: groupSchema,
      });
      members = again.members as ScimMember[] | undefined;
    }
    if (members === undefined) {
      const shows = caps().groupListIncludesMembers;
      if (shows !== true) {
        throw new ScimError({
          category: "rejected",
          method: "PUT",
          path: `${ctx.basePath}/Groups/${encodeURIComponent(id)}`,
          detail:
            `group came back without "members", also with attributes=members, and ${shows === false ? "this target hides members" : "nothing proves the group is empty (run probe())"}: ` +
            "a PUT could delete members this client cannot see, so it is not sent",
        });
      }
      members = [];
    }
    return { ...group, members: members.map(memberRef) };
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
