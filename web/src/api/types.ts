/** JSON shapes of the HTTP API (DESIGN.md § HTTP API, "Core JSON shapes"). */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListParams {
  search?: string;
  page?: number;
  pageSize?: number;
}

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

export interface UserInput {
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  active?: boolean;
  attributes: UserAttributes;
}

export interface Folder {
  id: string;
  name: string;
  description: string | null;
  memberCount?: number;
  applicationCount?: number;
}

export interface FolderInput {
  name: string;
  description: string;
}

export interface Application {
  id: string;
  name: string;
  url: string | null;
  iconUrl?: string | null;
}

export interface ApplicationInput {
  name: string;
  /** null clears it. */
  url: string | null;
}

export type AccessVia = { type: "direct" } | { type: "folder"; folderId: string; name: string };

export interface AccessRow {
  user: User;
  via: AccessVia[];
  presentInApp?: boolean;
  accountId?: string | null;
}

/** What `GET /api/auth/me` answers (`admin.id`/`email` are null for an API token no admin owns). */
export interface Me {
  admin: { id: string | null; email: string | null; name: string };
  via: "session" | "token";
}
