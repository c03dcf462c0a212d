/**
 * The Groups tab: the snapshot of the target's groups with the folder linked to each, and its row
 * actions — Create a folder, Associate a folder, Delete.
 */
import type { Kysely } from "kysely";
import { isoNow } from "../clock.js";
import type { DB } from "../db/index.js";
import { containsLower, isUniqueViolation, type PageQuery, pageWindow } from "../directory/index.js";
import { conflict, DomainError } from "../errors.js";
import { isScimError, type ScimGroup } from "../scim/index.js";
import type { Actor } from "./activity.js";
import { type ActionScope, type ProvisioningDeps, withTarget } from "./deps.js";
import { groupLinkByFolder, groupLinkByGroup, insertGroupLink, usersOfAccounts } from "./links.queries.js";
import { groupRow, lastRead, markOneVanished, upsertGroups } from "./snapshot.queries.js";

export interface GroupView {
  id: string;
  displayName: string;
  externalId: string | null;
  /** null when the target does not show members. */
  memberCount: number | null;
  seenAt: string;
  vanishedAt: string | null;
  linkedFolder: { id: string; name: string } | null;
}

export function createGroups(deps: ProvisioningDeps) {
  const { db, dialect, clock, directory } = deps;

  /** GET the group from the target; a 404 marks it vanished and answers `group.gone`. */
  async function fresh(s: ActionScope, appId: string, groupId: string): Promise<ScimGroup> {
    try {
      const group = await s.client.groups.get(groupId);
      await upsertGroups(db, dialect, [groupRow(appId, group, null, isoNow(clock))]);
      return group;
    } catch (err) {
      if (isScimError(err, "notFound")) {
        await markOneVanished(db, "scim_groups", appId, groupId, isoNow(clock));
        throw new DomainError(
          "not_found",
          "group.gone",
          `This group no longer exists in ${s.appName}: it was deleted there. Refresh the Groups tab.`,
          { groupId },
        );
      }
      return s.fail(err, "reading the group");
    }
  }

  /** `q`: the open transaction when called inside one (a pool read there would wait on itself). */
  async function assertGroupFree(appId: string, groupId: string, q: Kysely<DB> = db) {
    const link = await groupLinkByGroup(q, appId, groupId);
    if (!link) return;
    const f = await q
      .selectFrom("folders")
      .select("name")
      .where("id", "=", link.folder_id)
      .executeTakeFirst();
    throw conflict(
      "provisioning.group_linked",
      `This group is already associated with the folder ${f ? `"${f.name}"` : link.folder_id}`,
      { folderId: link.folder_id },
    );
  }

  /** Members as ids: from the fresh read, else what the last refresh saw. */
  async function memberIds(appId: string, group: ScimGroup): Promise<string[]> {
    if (group.members) return group.members.map((m) => m.value);
    const row = await db
      .selectFrom("scim_groups")
      .select("members")
      .where("application_id", "=", appId)
      .where("id", "=", group.id)
      .executeTakeFirst();
    return row?.members ? (JSON.parse(row.members) as string[]) : [];
  }

  return {
    async list(appId: string, query: PageQuery & { filter?: "all" | "linked" | "unlinked" | undefined }) {
      await deps.clients.get(appId);
      const w = pageWindow(query);
      const filter = query.filter ?? "all";
      const base = db
        .selectFrom("scim_groups as g")
        .leftJoin("group_links as l", (j) =>
          j.onRef("l.application_id", "=", "g.application_id").onRef("l.group_id", "=", "g.id"),
        )
        .where("g.application_id", "=", appId)
        .$if(w.search !== undefined, (qb) => qb.where(containsLower("g.search_text", w.search ?? "")))
        .$if(filter === "linked", (qb) => qb.where("l.folder_id", "is not", null))
        .$if(filter === "unlinked", (qb) => qb.where("l.folder_id", "is", null));
      const [rows, count] = await Promise.all([
        base
          .leftJoin("folders as f", "f.id", "l.folder_id")
          .select([
            "g.id",
            "g.display_name",
            "g.external_id",
            "g.member_count",
            "g.seen_at",
            "g.vanished_at",
            "l.folder_id",
            "f.name as folder_name",
          ])
          .orderBy("g.display_name_lower")
          .orderBy("g.id")
          .limit(w.pageSize)
          .offset(w.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      const items: GroupView[] = rows.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        externalId: r.external_id,
        memberCount: r.member_count === null ? null : Number(r.member_count),
        seenAt: r.seen_at,
        vanishedAt: r.vanished_at,
        linkedFolder: r.folder_id ? { id: r.folder_id, name: r.folder_name ?? "(deleted folder)" } : null,
      }));
      return {
        items,
        total: Number(count.n),
        page: w.page,
        pageSize: w.pageSize,
        readAt: await lastRead(db, appId, "groups"),
      };
    },

    /**
     * Create a folder: a new folder named after the group, containing this application, whose
     * members are the SmartLink users linked to the group's members, linked to the group. One
     * directory change: members join first, then the application is added, so access events are
     * written set-wise once. Group members without a linked user are listed as `unmatched`.
     */
    createFolder(appId: string, groupId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "group.createFolder", async (s) => {
        await assertGroupFree(appId, groupId);
        const group = await fresh(s, appId, groupId);
        const members = await memberIds(appId, group);
        const linked = await usersOfAccounts(db, appId, members);
        try {
          return await directory.transaction(async (tx, trx) => {
            await assertGroupFree(appId, groupId, trx);
            const folder = await tx.folders.create({
              name: group.displayName,
              description: `Created from the ${s.appName} group "${group.displayName}"`,
            });
            for (const m of linked) await tx.folders.addMember(folder.id, m.user_id);
            await tx.folders.addApplication(folder.id, appId);
            // Only the members SmartLink knows (linked accounts) count as managed: sync-members
            // never removes an account nobody in SmartLink is linked to.
            const managed = linked.map((l) => l.account_id);
            await insertGroupLink(trx, {
              appId,
              folderId: folder.id,
              groupId,
              members: managed,
              now: isoNow(clock),
            });
            return {
              folder: await tx.folders.get(folder.id),
              groupId,
              members: linked.length,
              unmatched: members.length - linked.length,
            };
          });
        } catch (err) {
          if (isUniqueViolation(err)) await assertGroupFree(appId, groupId);
          throw err;
        }
      });
    },

    /**
     * Associate a folder: links an existing folder to the group. Refused when either is already
     * linked. A folder that does not contain this application gets it (`applicationAdded`).
     * Membership is not pushed here: `…/folders/:folderId/sync-members` does that, with counts.
     */
    associateFolder(appId: string, groupId: string, folderId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "group.associateFolder", async (s) => {
        const folder = await directory.folders.get(folderId);
        await assertGroupFree(appId, groupId);
        const group = await fresh(s, appId, groupId);
        const members = await memberIds(appId, group);
        try {
          return await directory.transaction(async (tx, trx) => {
            await assertGroupFree(appId, groupId, trx);
            const other = await groupLinkByFolder(trx, appId, folderId);
            if (other) {
              throw conflict(
                "provisioning.folder_linked",
                `The folder "${folder.name}" is already associated with another group (${other.group_id}) in ${s.appName}`,
                { groupId: other.group_id },
              );
            }
            const managed = (await usersOfAccounts(trx, appId, members)).map((r) => r.account_id);
            await insertGroupLink(trx, { appId, folderId, groupId, members: managed, now: isoNow(clock) });
            const applicationAdded = (await tx.folders.addApplication(folderId, appId)).changed;
            return { folder, groupId, applicationAdded };
          });
        } catch (err) {
          if (isUniqueViolation(err)) await assertGroupFree(appId, groupId);
          throw err;
        }
      });
    },

    /** Delete: deletes the group in the target (404 counts as done), unlinks its folder. */
    deleteGroup(appId: string, groupId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "group.delete", async (s) => {
        try {
          await s.client.groups.delete(groupId);
        } catch (err) {
          s.fail(err, "deleting the group");
        }
        return db.transaction().execute(async (trx) => {
          const link = await trx
            .deleteFrom("group_links")
            .where("application_id", "=", appId)
            .where("group_id", "=", groupId)
            .returning("folder_id")
            .executeTakeFirst();
          await trx
            .deleteFrom("scim_groups")
            .where("application_id", "=", appId)
            .where("id", "=", groupId)
            .execute();
          return { groupId, unlinkedFolderId: link?.folder_id ?? null };
        });
      });
    },
  };
}
