/**
 * Folders: CRUD (renames and descriptions cause no events), membership and contained
 * applications — every link change writes the access diff it causes, set-wise, in its transaction.
 */
import { randomUUID } from "node:crypto";
import { notFound } from "../errors.js";
import {
  type ChangeScope,
  eventsForFolderAppsWithoutUser,
  eventsForFolderMembersWithoutApp,
  lossesForFolderDelete,
} from "./access.sql.js";
import type { DirectoryDeps } from "./deps.js";
import type { FolderRow, FoldersTable } from "./directory.tables.js";
import * as q from "./folders.queries.js";
import {
  type Application,
  type Folder,
  type Page,
  type PageQuery,
  toApplication,
  toFolder,
  toUser,
  type User,
} from "./model.js";
import { pageWindow, searchText } from "./paging.js";

export interface CreateFolderInput {
  name: string;
  description?: string | undefined;
}
export type UpdateFolderInput = Partial<CreateFolderInput>;

/** Result of an idempotent link change: `changed` false when it was already so. */
export interface LinkResult {
  changed: boolean;
  /** Event rows written by the change. */
  events: number;
}

const folderVia = (f: FolderRow) => ({ type: "folder" as const, folderId: f.id, name: f.name });

/** Folder functions of the {@link Directory}; writes go through `deps.change`. */
export function createFoldersService(deps: DirectoryDeps) {
  const { db } = deps;

  async function mustFind(s: ChangeScope, id: string): Promise<FolderRow> {
    const row = await q.findFolder(s.trx, id);
    if (!row) throw notFound("folder", id);
    return row;
  }
  async function mustExist(s: ChangeScope, table: "users" | "applications", id: string) {
    const r = await s.trx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
    if (!r) throw notFound(table === "users" ? "user" : "application", id);
  }

  /** A folder with its member and application counts. */
  async function get(id: string): Promise<Folder> {
    const row = await q.findFolderWithCounts(db, id);
    if (!row) throw notFound("folder", id);
    return toFolder(row, row);
  }

  return {
    /** Folders by name, with member and application counts. */
    async list(query: PageQuery = {}): Promise<Page<Folder>> {
      const w = pageWindow(query);
      const { rows, total } = await q.listFolders(db, w);
      return { items: rows.map((r) => toFolder(r, r)), total, page: w.page, pageSize: w.pageSize };
    },

    get,

    async create(input: CreateFolderInput): Promise<Folder> {
      return deps.change(async (s) => {
        const row: FoldersTable = {
          id: randomUUID(),
          name: input.name,
          description: input.description ?? "",
          search_text: searchText(input.name),
          created_at: s.now,
          updated_at: s.now,
        };
        await q.insertFolder(s.trx, row);
        return toFolder(row, { memberCount: 0, applicationCount: 0 });
      });
    },

    /** Renames or re-describes a folder. Access does not change, so no events. */
    async update(id: string, input: UpdateFolderInput): Promise<Folder> {
      await deps.change(async (s) => {
        const row = await mustFind(s, id);
        const name = input.name ?? row.name;
        const description = input.description ?? row.description;
        if (name === row.name && description === row.description) return;
        await q.updateFolderRow(s.trx, id, {
          name,
          description,
          search_text: searchText(name),
          updated_at: s.now,
        });
      });
      return get(id);
    },

    /** Deletes a folder: a loss for each (member, application) pair with no other path, first. */
    async delete(id: string): Promise<void> {
      await deps.change(async (s) => {
        const row = await mustFind(s, id);
        await lossesForFolderDelete(s, id, { via: folderVia(row), reason: "folderDeleted" });
        await q.deleteFolderRow(s.trx, id);
      });
    },

    /** Adds a member; a gain for each of the folder's apps they could not reach. Idempotent. */
    async addMember(folderId: string, userId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        const folder = await mustFind(s, folderId);
        await mustExist(s, "users", userId);
        if (await q.isMember(s.trx, folderId, userId)) return { changed: false, events: 0 };
        const events = await eventsForFolderAppsWithoutUser(s, "userGainsAccess", folderId, userId, {
          via: folderVia(folder),
          reason: "folderMemberAdded",
        });
        await q.insertMember(s.trx, folderId, userId, s.now);
        await deps.onMembership?.(s.trx, { folderId, userIds: [userId], change: "added" });
        return { changed: true, events };
      });
    },

    /** Removes a member; a loss for each app they can no longer reach by another path. Idempotent. */
    async removeMember(folderId: string, userId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        const folder = await mustFind(s, folderId);
        await mustExist(s, "users", userId);
        if (!(await q.deleteMember(s.trx, folderId, userId))) return { changed: false, events: 0 };
        const events = await eventsForFolderAppsWithoutUser(s, "userLosesAccess", folderId, userId, {
          via: folderVia(folder),
          reason: "folderMemberRemoved",
        });
        await deps.onMembership?.(s.trx, { folderId, userIds: [userId], change: "removed" });
        return { changed: true, events };
      });
    },

    /**
     * Puts an application in the folder: one `INSERT … SELECT` writes a gain for every member without
     * access yet (1,000 members → 1,000 events, one statement). Idempotent.
     */
    async addApplication(folderId: string, appId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        const folder = await mustFind(s, folderId);
        await mustExist(s, "applications", appId);
        if (await q.containsApp(s.trx, folderId, appId)) return { changed: false, events: 0 };
        const events = await eventsForFolderMembersWithoutApp(s, "userGainsAccess", folderId, appId, {
          via: folderVia(folder),
          reason: "folderApplicationAdded",
        });
        await q.insertFolderApp(s.trx, folderId, appId, s.now);
        return { changed: true, events };
      });
    },

    /** Takes an application out of the folder; losses for members left without a path. Idempotent. */
    async removeApplication(folderId: string, appId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        const folder = await mustFind(s, folderId);
        await mustExist(s, "applications", appId);
        if (!(await q.deleteFolderApp(s.trx, folderId, appId))) return { changed: false, events: 0 };
        const events = await eventsForFolderMembersWithoutApp(s, "userLosesAccess", folderId, appId, {
          via: folderVia(folder),
          reason: "folderApplicationRemoved",
        });
        return { changed: true, events };
      });
    },

    /** A page of members, ordered by email; `search` as in users.list. */
    async members(id: string, query: PageQuery = {}): Promise<Page<User>> {
      if (!(await q.findFolder(db, id))) throw notFound("folder", id);
      const w = pageWindow(query);
      const { rows, total } = await q.listMembers(db, id, w);
      return { items: rows.map(toUser), total, page: w.page, pageSize: w.pageSize };
    },

    /** The folder's applications, by name. */
    async applications(id: string): Promise<Application[]> {
      if (!(await q.findFolder(db, id))) throw notFound("folder", id);
      return (await q.listFolderApps(db, id)).map(toApplication);
    },
  };
}

export type FoldersService = ReturnType<typeof createFoldersService>;
