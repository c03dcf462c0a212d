/**
 * Applications: CRUD, direct assignments (each writes the gain/loss it causes), and the Access and
 * Folders reads the provisioning tabs build on.
 */
import { randomUUID } from "node:crypto";
import { invalid, notFound } from "../errors.js";
import { type ChangeScope, hasAccess, insertEvent, lossesForAppDelete } from "./access.sql.js";
import * as q from "./applications.queries.js";
import type { DirectoryDeps } from "./deps.js";
import type { ApplicationRow, ApplicationsTable } from "./directory.tables.js";
import type { LinkResult } from "./folders.service.js";
import {
  type AccessRow,
  type AccessVia,
  type Application,
  type Folder,
  type Page,
  type PageQuery,
  toApplication,
  toFolder,
  toUser,
} from "./model.js";
import { pageWindow, searchText } from "./paging.js";

export interface CreateApplicationInput {
  name: string;
  url?: string | null | undefined;
  iconUrl?: string | null | undefined;
}
export type UpdateApplicationInput = Partial<CreateApplicationInput>;

/** Opaque keyset cursor of the access list: base64url of `[email_normalized, id]`. */
function encodeCursor(c: q.AccessCursor): string {
  return Buffer.from(JSON.stringify([c.email, c.id])).toString("base64url");
}

function decodeCursor(text: string): q.AccessCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") {
      return { email: v[0], id: v[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw invalid(
    "request.invalid_cursor",
    "The `after` cursor is not one this API returned: start from page 1",
  );
}

/** Application functions of the {@link Directory}; writes go through `deps.change`. */
export function createApplicationsService(deps: DirectoryDeps) {
  const { db } = deps;

  async function mustFind(s: ChangeScope, id: string): Promise<ApplicationRow> {
    const row = await q.findApplication(s.trx, id);
    if (!row) throw notFound("application", id);
    return row;
  }
  async function mustFindUser(s: ChangeScope, id: string) {
    const r = await s.trx.selectFrom("users").select(["id", "email"]).where("id", "=", id).executeTakeFirst();
    if (!r) throw notFound("user", id);
    return r;
  }

  return {
    /** Applications by name; `search` matches the name. */
    async list(query: PageQuery = {}): Promise<Page<Application>> {
      const w = pageWindow(query);
      const { rows, total } = await q.listApplications(db, w);
      return { items: rows.map(toApplication), total, page: w.page, pageSize: w.pageSize };
    },

    async get(id: string): Promise<Application> {
      const row = await q.findApplication(db, id);
      if (!row) throw notFound("application", id);
      return toApplication(row);
    },

    async create(input: CreateApplicationInput): Promise<Application> {
      return deps.change(async (s) => {
        const row: ApplicationsTable = {
          id: randomUUID(),
          name: input.name,
          url: input.url ?? null,
          icon_url: input.iconUrl ?? null,
          search_text: searchText(input.name),
          created_at: s.now,
          updated_at: s.now,
        };
        await q.insertApplication(s.trx, row);
        return toApplication(row);
      });
    },

    /** Name, URL or icon; access does not change, so no events. `null` clears url/iconUrl. */
    async update(id: string, input: UpdateApplicationInput): Promise<Application> {
      return deps.change(async (s) => {
        const row = await mustFind(s, id);
        const next: ApplicationRow = {
          ...row,
          name: input.name ?? row.name,
          url: input.url === undefined ? row.url : input.url,
          icon_url: input.iconUrl === undefined ? row.icon_url : input.iconUrl,
        };
        if (next.name === row.name && next.url === row.url && next.icon_url === row.icon_url)
          return toApplication(row);
        next.search_text = searchText(next.name);
        next.updated_at = s.now;
        const { name, url, icon_url, search_text, updated_at } = next;
        await q.updateApplicationRow(s.trx, id, { name, url, icon_url, search_text, updated_at });
        return toApplication(next);
      });
    },

    /**
     * Deletes an application. Decision: everyone with access gets a `userLosesAccess` (payload keeps
     * the application's name, reason `applicationDeleted`): access really is lost, and a policy that
     * wants to deprovision accounts before the app disappears can act on these events from the
     * `onEvents` hook, inside this transaction. A policy may equally ignore them by reason.
     */
    async delete(id: string): Promise<void> {
      await deps.change(async (s) => {
        const row = await mustFind(s, id);
        await lossesForAppDelete(s, id, { applicationName: row.name, reason: "applicationDeleted" });
        await q.deleteApplicationRow(s.trx, id);
      });
    },

    /** Assigns the application to the user directly; a gain unless a folder gave access already. */
    async assignUser(appId: string, userId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        await mustFind(s, appId);
        const user = await mustFindUser(s, userId);
        if (await q.isAssigned(s.trx, appId, userId)) return { changed: false, events: 0 };
        const had = await hasAccess(s.trx, appId, userId);
        await q.insertAssignment(s.trx, appId, userId, s.now);
        if (had) return { changed: true, events: 0 };
        await insertEvent(s, "userGainsAccess", appId, userId, {
          via: { type: "direct" },
          reason: "assigned",
          email: user.email,
        });
        return { changed: true, events: 1 };
      });
    },

    /** Removes the direct assignment; a loss unless a folder still gives access. Idempotent. */
    async unassignUser(appId: string, userId: string): Promise<LinkResult> {
      return deps.change(async (s) => {
        await mustFind(s, appId);
        const user = await mustFindUser(s, userId);
        if (!(await q.deleteAssignment(s.trx, appId, userId))) return { changed: false, events: 0 };
        if (await hasAccess(s.trx, appId, userId)) return { changed: true, events: 0 };
        await insertEvent(s, "userLosesAccess", appId, userId, {
          via: { type: "direct" },
          reason: "unassigned",
          email: user.email,
        });
        return { changed: true, events: 1 };
      });
    },

    /** The Access tab: users with access, by email, each with every path (direct first, then folders by name). */
    async accessList(
      appId: string,
      query: PageQuery & { after?: string | undefined } = {},
    ): Promise<Page<AccessRow> & { nextCursor: string | null }> {
      if (!(await q.findApplication(db, appId))) throw notFound("application", appId);
      const w = pageWindow(query);
      const { rows, total } = await q.listAccess(
        db,
        appId,
        w,
        query.after ? decodeCursor(query.after) : undefined,
      );
      const paths = await q.accessPaths(
        db,
        appId,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => {
        const via: AccessVia[] = paths.direct.has(r.id) ? [{ type: "direct" }] : [];
        for (const f of paths.folders) {
          if (f.user_id === r.id) via.push({ type: "folder", folderId: f.folder_id, name: f.name });
        }
        return { user: toUser(r), via };
      });
      const last = rows.at(-1);
      const nextCursor =
        last && rows.length === w.pageSize
          ? encodeCursor({ email: last.email_normalized, id: last.id })
          : null;
      return { items, total, page: w.page, pageSize: w.pageSize, nextCursor };
    },

    /** Folders containing the application, by name. */
    async folders(appId: string): Promise<Folder[]> {
      if (!(await q.findApplication(db, appId))) throw notFound("application", appId);
      return (await q.listAppFolders(db, appId)).map((f) => toFolder(f));
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
