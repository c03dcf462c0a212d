/**
 * The directory's domain shapes (camelCase, booleans as booleans) and the row → object mappers.
 * Only the queries layer sees rows; services and routes see these.
 */
import type { ApplicationRow, EventRow, EventType, FolderRow, UserRow } from "./directory.tables.js";

/** Free-form extra user attributes: phone, title, department, manager… */
export type UserAttributes = Record<string, unknown>;

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  active: boolean;
  attributes: UserAttributes;
  createdAt: string;
  updatedAt: string;
}

export interface Folder {
  id: string;
  name: string;
  description: string;
  /** Present on `folders.get` and `folders.list`. */
  memberCount?: number;
  applicationCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface Application {
  id: string;
  name: string;
  url: string | null;
  iconUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Why a user has access to an application. */
export type AccessVia = { type: "direct" } | { type: "folder"; folderId: string; name: string };

/** One row of an application's access list (the Access tab). */
export interface AccessRow {
  user: User;
  via: AccessVia[];
}

/** A page of a list: `page` is 1-based. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number | undefined;
  pageSize?: number | undefined;
  /** Case-insensitive substring. */
  search?: string | undefined;
}

/** A field change recorded by `userUpdated`. */
export interface FieldChange {
  old: unknown;
  new: unknown;
}

/**
 * Event payloads by type:
 * - userGainsAccess / userLosesAccess: `{ via }` — the path that was added or removed; plus
 *   `email` (and `applicationName` when the application is deleted) so the event stays meaningful
 *   after the user or application is gone; `reason` says which change caused it.
 * - userDeactivated / userReactivated: `{ email }`.
 * - userUpdated: `{ changes: { email?: {old,new}, firstName?: …, … } }` — changed fields only.
 */
export type EventPayload = Record<string, unknown>;

export interface DirectoryEvent {
  id: number;
  type: EventType;
  applicationId: string;
  userId: string;
  payload: EventPayload;
  createdAt: string;
  processedAt: string | null;
}

/** Parses a JSON object column; anything else (corrupt text, arrays) reads as `{}`. */
export function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Row → `User`: integer `active` → boolean, attributes JSON → object. */
export function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    displayName: r.display_name,
    active: Number(r.active) === 1,
    attributes: parseJsonObject(r.attributes),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Row → `Folder`, with counts when the query computed them. */
export function toFolder(r: FolderRow, counts?: { memberCount: number; applicationCount: number }): Folder {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    ...(counts
      ? { memberCount: Number(counts.memberCount), applicationCount: Number(counts.applicationCount) }
      : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Row → `Application`. */
export function toApplication(r: ApplicationRow): Application {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    iconUrl: r.icon_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Row → `DirectoryEvent`, payload parsed. */
export function toEvent(r: EventRow): DirectoryEvent {
  return {
    id: Number(r.id),
    type: r.type,
    applicationId: r.application_id,
    userId: r.user_id,
    payload: parseJsonObject(r.payload),
    createdAt: r.created_at,
    processedAt: r.processed_at,
  };
}
