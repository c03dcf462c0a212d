/**
 * The directory's tables as Kysely sees them. Row types for feature code come from
 * `Selectable<…>` of these (CONVENTIONS.md §3); the domain shapes live in ./model.ts.
 *
 * Conventions shared by every table here:
 * - ids are UUID strings (text), timestamps ISO-8601 strings (see DialectInfo.timestampType);
 * - booleans are integers 0/1 on both dialects (better-sqlite3 cannot bind JS booleans);
 * - `search_text` is a lower-cased copy of the searchable fields, written in JS (Unicode-aware
 *   `toLowerCase`) so that search behaves the same on SQLite and PostgreSQL.
 */
import type { ColumnType, Generated, Selectable } from "kysely";

export interface UsersTable {
  id: string;
  email: string;
  /** `email.trim().toLowerCase()`; unique index: emails are unique case-insensitively. */
  email_normalized: string;
  first_name: string;
  last_name: string;
  display_name: string;
  /** 1 active, 0 deactivated. */
  active: number;
  /** JSON object text: phone, title, department, manager… */
  attributes: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface FoldersTable {
  id: string;
  name: string;
  description: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicationsTable {
  id: string;
  name: string;
  url: string | null;
  icon_url: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

/** Folder membership: (folder, user). */
export interface FolderMembersTable {
  folder_id: string;
  user_id: string;
  created_at: string;
}

/** Applications a folder contains: (folder, application). */
export interface FolderApplicationsTable {
  folder_id: string;
  application_id: string;
  created_at: string;
}

/** Direct assignment of an application to a user. */
export interface ApplicationAssignmentsTable {
  application_id: string;
  user_id: string;
  created_at: string;
}

/** The event types the outbox holds (the four provisioning events plus `userReactivated`). */
export const EVENT_TYPES = [
  "userGainsAccess",
  "userLosesAccess",
  "userDeactivated",
  "userReactivated",
  "userUpdated",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The outbox: one row per (event, application, user), written in the same transaction as the
 * directory change that caused it. No foreign keys: events outlive deleted users and applications.
 */
export interface EventsTable {
  id: Generated<number>;
  type: EventType;
  application_id: string;
  user_id: string;
  /** JSON object text; see ./model.ts `EventPayload`. */
  payload: string;
  created_at: string;
  /** Set by the policy/job worker once it has handled the event. */
  processed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * One row (id 1). Every directory change first bumps it, so changes run one at a time — see
 * src/directory/deps.ts for why per-row locks are not enough.
 */
export interface DirectoryLockTable {
  id: number;
  version: number;
}

export interface DirectoryTables {
  directory_lock: DirectoryLockTable;
  users: UsersTable;
  folders: FoldersTable;
  applications: ApplicationsTable;
  folder_members: FolderMembersTable;
  folder_applications: FolderApplicationsTable;
  application_assignments: ApplicationAssignmentsTable;
  events: EventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type FolderRow = Selectable<FoldersTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type EventRow = Selectable<EventsTable>;
