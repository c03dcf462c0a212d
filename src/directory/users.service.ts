/**
 * Users: create, read, list, update, deactivate/reactivate, delete — each write in one transaction
 * with the events it causes (one per application the user has access to).
 */
import { randomUUID } from "node:crypto";
import { conflict, notFound } from "../errors.js";
import { type ChangeScope, eventsForUserApps } from "./access.sql.js";
import { type DirectoryDeps, isUniqueViolation } from "./deps.js";
import type { UsersTable } from "./directory.tables.js";
import {
  type FieldChange,
  type Page,
  type PageQuery,
  toUser,
  type User,
  type UserAttributes,
} from "./model.js";
import { pageWindow, searchText } from "./paging.js";
import * as q from "./users.queries.js";

export interface CreateUserInput {
  email: string;
  firstName: string;
  lastName: string;
  /** Default: "First Last". */
  displayName?: string | undefined;
  active?: boolean | undefined;
  attributes?: UserAttributes | undefined;
}

/** `attributes` merges one level deep: a key set to null is removed (JSON merge patch, RFC 7396). */
export interface UpdateUserInput {
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  displayName?: string | undefined;
  attributes?: Record<string, unknown> | undefined;
}

export interface ListUsersQuery extends PageQuery {
  active?: boolean | undefined;
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const defaultDisplayName = (first: string, last: string) => `${first} ${last}`.trim();
const userSearchText = (u: Pick<UsersTable, "email" | "first_name" | "last_name" | "display_name">) =>
  searchText(u.email, u.first_name, u.last_name, u.display_name);

/** User functions of the {@link Directory}; writes go through `deps.change`. */
export function createUsersService(deps: DirectoryDeps) {
  const { db } = deps;

  async function mustFind(s: ChangeScope, id: string) {
    const row = await q.findUser(s.trx, id);
    if (!row) throw notFound("user", id);
    return row;
  }

  async function assertEmailFree(s: ChangeScope, normalized: string, email: string, exceptId?: string) {
    const existing = await q.findUserByEmail(s.trx, normalized);
    if (existing && existing.id !== exceptId) throw emailTaken(email);
  }

  /** Sets `active` and writes one `type` event per accessible application; no-op if unchanged. */
  async function setActive(id: string, active: boolean): Promise<User> {
    return deps.change(async (s) => {
      const row = await mustFind(s, id);
      if ((row.active === 1) === active) return toUser(row); // idempotent: no write, no event
      const patch = { active: active ? 1 : 0, updated_at: s.now };
      await q.updateUserRow(s.trx, id, patch);
      await eventsForUserApps(s, active ? "userReactivated" : "userDeactivated", id, { email: row.email });
      return toUser({ ...row, ...patch });
    });
  }

  return {
    /** Users ordered by email; `search` matches email, names and display name (case-insensitive). */
    async list(query: ListUsersQuery = {}): Promise<Page<User>> {
      const w = pageWindow(query);
      const { rows, total } = await q.listUsers(db, w, { active: query.active });
      return { items: rows.map(toUser), total, page: w.page, pageSize: w.pageSize };
    },

    async get(id: string): Promise<User> {
      const row = await q.findUser(db, id);
      if (!row) throw notFound("user", id);
      return toUser(row);
    },

    /** Creates a user; `user.email_taken` (conflict) when the email exists in any letter case. */
    async create(input: CreateUserInput): Promise<User> {
      const email = input.email.trim();
      const row: UsersTable = {
        id: randomUUID(),
        email,
        email_normalized: normalizeEmail(email),
        first_name: input.firstName,
        last_name: input.lastName,
        display_name: input.displayName ?? defaultDisplayName(input.firstName, input.lastName),
        active: input.active === false ? 0 : 1,
        attributes: JSON.stringify(input.attributes ?? {}),
        search_text: "",
        created_at: "",
        updated_at: "",
      };
      row.search_text = userSearchText(row);
      try {
        return await deps.change(async (s) => {
          await assertEmailFree(s, row.email_normalized, email);
          row.created_at = row.updated_at = s.now;
          await q.insertUser(s.trx, row);
          return toUser(row);
        });
      } catch (err) {
        // A concurrent create can pass the check; the unique index is the real guard.
        if (isUniqueViolation(err)) throw emailTaken(email);
        throw err;
      }
    },

    /**
     * Updates metadata. Writes `userUpdated` per accessible application with only the changed
     * fields (`{ changes: { field: { old, new } } }`); nothing changed → no write, no event. When
     * the display name was the default "First Last" and the names change without a new display
     * name, it follows the names.
     */
    async update(id: string, input: UpdateUserInput): Promise<User> {
      try {
        return await deps.change(async (s) => {
          const row = await mustFind(s, id);
          const before = toUser(row);
          const next = { ...before };
          if (input.email !== undefined) next.email = input.email.trim();
          if (input.firstName !== undefined) next.firstName = input.firstName;
          if (input.lastName !== undefined) next.lastName = input.lastName;
          if (input.displayName !== undefined) next.displayName = input.displayName;
          else if (before.displayName === defaultDisplayName(before.firstName, before.lastName))
            next.displayName = defaultDisplayName(next.firstName, next.lastName);
          if (input.attributes !== undefined)
            next.attributes = mergeAttributes(before.attributes, input.attributes);

          const changes = diffUser(before, next);
          if (Object.keys(changes).length === 0) return before;
          if (next.email !== before.email)
            await assertEmailFree(s, normalizeEmail(next.email), next.email, id);
          const patch: Partial<UsersTable> = {
            email: next.email,
            email_normalized: normalizeEmail(next.email),
            first_name: next.firstName,
            last_name: next.lastName,
            display_name: next.displayName,
            attributes: JSON.stringify(next.attributes),
            updated_at: s.now,
          };
          patch.search_text = userSearchText(patch as UsersTable);
          await q.updateUserRow(s.trx, id, patch);
          await eventsForUserApps(s, "userUpdated", id, { changes });
          return { ...next, updatedAt: s.now };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken(input.email ?? "");
        throw err;
      }
    },

    /** Deactivates; `userDeactivated` per accessible application. Already deactivated → no event. */
    deactivate: (id: string) => setActive(id, false),
    /** Reactivates; `userReactivated` per accessible application. Already active → no event. */
    reactivate: (id: string) => setActive(id, true),

    /**
     * Deletes the user: first a `userLosesAccess` per application they could reach (payload keeps
     * the email, since the row goes), then the user with their memberships and assignments.
     */
    async delete(id: string): Promise<void> {
      await deps.change(async (s) => {
        const row = await mustFind(s, id);
        await eventsForUserApps(s, "userLosesAccess", id, { email: row.email, reason: "userDeleted" });
        await q.deleteUserRow(s.trx, id);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

function emailTaken(email: string) {
  return conflict("user.email_taken", `A user with email "${email}" already exists`, { email });
}

function mergeAttributes(current: UserAttributes, patch: Record<string, unknown>): UserAttributes {
  const out: UserAttributes = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Changed fields only; attributes are compared per key (`attributes.phone`). */
function diffUser(a: User, b: User): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const f of ["email", "firstName", "lastName", "displayName"] as const) {
    if (a[f] !== b[f]) changes[f] = { old: a[f], new: b[f] };
  }
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]);
  for (const k of [...keys].sort()) {
    const old = a.attributes[k] ?? null;
    const nu = b.attributes[k] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(nu)) changes[`attributes.${k}`] = { old, new: nu };
  }
  return changes;
}
