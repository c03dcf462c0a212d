/**
 * The Folders tab: folders containing the application and whether a group exists for each (a
 * linked group, or an unlinked group of the same name); "Create a group"; and pushing a linked
 * folder's membership to its group (until the automation does it on every change).
 */
import { isoNow } from "../clock.js";
import { isUniqueViolation, type PageQuery, pageWindow } from "../directory/index.js";
import { conflict, DomainError, notFound } from "../errors.js";
import { isScimError, type ScimGroup } from "../scim/index.js";
import { presenceOf } from "./access.service.js";
import type { Actor } from "./activity.js";
import { type ProvisioningDeps, withTarget } from "./deps.js";
import {
  groupLinkByFolder,
  groupLinkByGroup,
  insertGroupLink,
  linkedAccountsOfFolder,
  usersOfAccounts,
} from "./links.queries.js";
import { groupRow, upsertGroups } from "./snapshot.queries.js";

export function createFolderTab(deps: ProvisioningDeps) {
  const { db, dialect, clock, directory } = deps;

  async function assertContainsApp(appId: string, folderId: string, appName: string) {
    const folder = await directory.folders.get(folderId);
    const row = await db
      .selectFrom("folder_applications")
      .select("folder_id")
      .where("folder_id", "=", folderId)
      .where("application_id", "=", appId)
      .executeTakeFirst();
    if (!row) {
      throw conflict(
        "provisioning.folder_without_app",
        `The folder "${folder.name}" does not contain ${appName}: add the application to the folder first`,
      );
    }
    return folder;
  }

  return {
    /** Folders containing the application, by name, with `presentInApp` and the group's id and name. */
    async list(appId: string, query: PageQuery) {
      await deps.clients.get(appId);
      const w = pageWindow(query);
      const folders = (await directory.applications.folders(appId)).filter(
        (f) => !w.search || f.name.toLowerCase().includes(w.search),
      );
      const slice = folders.slice(w.offset, w.offset + w.pageSize);
      const ids = slice.map((f) => f.id);
      const names = slice.map((f) => f.name.toLowerCase());
      const [links, sameName] = await Promise.all([
        ids.length === 0
          ? []
          : db
              .selectFrom("group_links as l")
              .leftJoin("scim_groups as g", (j) =>
                j.onRef("g.application_id", "=", "l.application_id").onRef("g.id", "=", "l.group_id"),
              )
              .select(["l.folder_id", "l.group_id", "g.display_name", "g.member_count", "g.vanished_at"])
              .where("l.application_id", "=", appId)
              .where("l.folder_id", "in", ids)
              .execute(),
        names.length === 0
          ? []
          : db
              .selectFrom("scim_groups as g")
              .select(["g.id", "g.display_name", "g.display_name_lower"])
              .where("g.application_id", "=", appId)
              .where("g.vanished_at", "is", null)
              .where("g.display_name_lower", "in", names)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom("group_links as l2")
                      .select("l2.folder_id")
                      .whereRef("l2.application_id", "=", "g.application_id")
                      .whereRef("l2.group_id", "=", "g.id"),
                  ),
                ),
              )
              .execute(),
      ]);
      const linkOf = new Map(links.map((l) => [l.folder_id, l]));
      const byName = new Map(sameName.map((g) => [g.display_name_lower, g]));
      const items = slice.map((folder) => {
        const link = linkOf.get(folder.id);
        const match = link ? undefined : byName.get(folder.name.toLowerCase());
        return {
          folder,
          ...presenceOf(link, match !== undefined),
          groupId: link?.group_id ?? match?.id ?? null,
          groupName: link?.display_name ?? match?.display_name ?? null,
          groupMemberCount:
            link?.member_count === null || link?.member_count === undefined
              ? null
              : Number(link.member_count),
        };
      });
      return { items, total: folders.length, page: w.page, pageSize: w.pageSize };
    },

    /**
     * Create a group: provisions a group named after the folder whose members are the folder's
     * members with linked accounts, and links it. A 409 uniqueness links the existing group of that
     * name instead and then brings its members in step.
     */
    createGroup(appId: string, folderId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "group.create", async (s) => {
        const folder = await assertContainsApp(appId, folderId, s.appName);
        const existing = await groupLinkByFolder(db, appId, folderId);
        if (existing) {
          throw conflict(
            "provisioning.folder_linked",
            `The folder "${folder.name}" already has a group in ${s.appName}`,
            {
              groupId: existing.group_id,
            },
          );
        }
        const members = await linkedAccountsOfFolder(db, appId, folderId);
        // Small groups go in the create; big ones are created empty and filled in chunked PATCHes
        // (some targets cap the members of one request).
        const inline = members.length <= 100;
        let group: ScimGroup;
        let outcome: "created" | "linkedExisting" = "created";
        try {
          group = await s.client.groups.create({
            displayName: folder.name,
            members: inline ? members.map((value) => ({ value })) : [],
          });
          if (!inline) await s.client.groups.addMembers(group.id, members);
        } catch (err) {
          if (!isScimError(err, "conflict")) return s.fail(err, `creating the group "${folder.name}"`);
          const found = await s.client.groups
            .findByDisplayName(folder.name)
            .catch((e) => s.fail(e, `looking up the existing group "${folder.name}"`));
          if (!found) {
            throw new DomainError(
              "conflict",
              "target.conflict",
              `${s.appName} says a group named "${folder.name}" exists, but SmartLink cannot find it: check the group in ${s.appName}`,
            );
          }
          const taken = await groupLinkByGroup(db, appId, found.id);
          if (taken) {
            throw conflict(
              "provisioning.group_linked",
              `${s.appName} already has a group named "${folder.name}", associated with another folder`,
              { folderId: taken.folder_id },
            );
          }
          group = found;
          outcome = "linkedExisting";
          const have = new Set((found.members ?? []).map((m) => m.value));
          const missing = members.filter((m) => !have.has(m));
          if (missing.length > 0) {
            await s.client.groups
              .addMembers(found.id, missing)
              .catch((e) => s.fail(e, "adding the folder's members"));
          }
        }
        const now = isoNow(clock);
        try {
          await db.transaction().execute(async (trx) => {
            await insertGroupLink(trx, { appId, folderId, groupId: group.id, members, now });
            // What the group now holds: our members, plus (for a group that existed) the ones it had;
            // unknown when the target does not show members, rather than a wrong count.
            const had = outcome === "linkedExisting" ? group.members : [];
            const all =
              had === undefined ? undefined : [...new Set([...had.map((m) => m.value), ...members])];
            const seen: ScimGroup = { ...group, members: all?.map((value) => ({ value })) };
            await upsertGroups(trx, dialect, [groupRow(appId, seen, null, now)]);
          });
        } catch (err) {
          if (isUniqueViolation(err)) {
            throw conflict(
              "provisioning.folder_linked",
              `The folder "${folder.name}" was linked to a group meanwhile`,
            );
          }
          throw err;
        }
        return { outcome, groupId: group.id, members: members.length };
      });
    },

    /**
     * Brings a linked group's members in step with the folder: adds the accounts of folder members
     * that are missing, removes accounts linked to SmartLink users who are no longer members.
     * Accounts no SmartLink user is linked to are left alone (someone else manages them).
     */
    syncMembers(appId: string, folderId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "group.syncMembers", async (s) => {
        const link = await groupLinkByFolder(db, appId, folderId);
        if (!link) throw notFound("group link", folderId);
        const desired = await linkedAccountsOfFolder(db, appId, folderId);
        let group: ScimGroup;
        try {
          group = await s.client.groups.get(link.group_id);
        } catch (err) {
          if (isScimError(err, "notFound")) {
            throw new DomainError(
              "not_found",
              "group.gone",
              `The linked group no longer exists in ${s.appName}`,
              {
                groupId: link.group_id,
              },
            );
          }
          return s.fail(err, "reading the group");
        }
        const lastPushed = link.last_members ? (JSON.parse(link.last_members) as string[]) : [];
        const current = group.members ? group.members.map((m) => m.value) : lastPushed;
        const want = new Set(desired);
        const have = new Set(current);
        const toAdd = desired.filter((id) => !have.has(id));
        const managed = new Set([
          ...lastPushed,
          ...(await usersOfAccounts(db, appId, current)).map((r) => r.account_id),
        ]);
        const toRemove = current.filter((id) => !want.has(id) && managed.has(id));
        try {
          if (toAdd.length > 0) await s.client.groups.addMembers(group.id, toAdd);
          if (toRemove.length > 0) await s.client.groups.removeMembers(group.id, toRemove);
        } catch (err) {
          return s.fail(err, "updating the group's members");
        }
        const now = isoNow(clock);
        const after = [...current.filter((id) => !toRemove.includes(id)), ...toAdd];
        await db
          .updateTable("group_links")
          .set({ last_members: JSON.stringify(desired), updated_at: now })
          .where("application_id", "=", appId)
          .where("folder_id", "=", folderId)
          .execute();
        await upsertGroups(db, dialect, [
          groupRow(appId, { ...group, members: after.map((value) => ({ value })) }, null, now),
        ]);
        return { groupId: group.id, added: toAdd.length, removed: toRemove.length, members: after.length };
      });
    },
  };
}
