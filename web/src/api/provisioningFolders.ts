/**
 * `/api/applications/:id/provisioning/folders` (DESIGN.md § HTTP API): the folders containing an
 * application, whether a SCIM group exists for each in the target, "Create a group" and pushing a
 * linked folder's members to its group. Shapes mirror `FolderRow` and the create-group /
 * sync-members responses in src/provisioning/provisioning.schema.ts / provisioning.routes.ts.
 */
import type { Presence } from "./access";
import { api } from "./client";
import { provisioningKey } from "./provisioning";
import { useInvalidatingMutation, usePageQuery } from "./resource";
import type { Folder, ListParams } from "./types";

export interface ProvisioningFolderRow {
  folder: Folder;
  /** True when `presence` is "linked" or "matched" (an unlinked group of the same name). */
  presentInApp: boolean;
  presence: Presence;
  groupId: string | null;
  /** Members of the linked group at the last refresh or push; null when unknown. */
  /** The linked (or same-named) group's displayName. */
  groupName: string | null;
  groupMemberCount: number | null;
}

export interface CreateGroupResult {
  outcome: "created" | "linkedExisting";
  groupId: string;
  /** Folder members with a linked account, put in the group. */
  members: number;
}

export interface SyncMembersResult {
  groupId: string;
  added: number;
  removed: number;
  members: number;
}

const foldersPath = (appId: string) => `/applications/${appId}/provisioning/folders`;

/** One page of the Folders list (page numbers: an application sits in few folders). */
export const useProvisioningFolders = (appId: string, params: ListParams) =>
  usePageQuery<ProvisioningFolderRow>([...provisioningKey(appId), "folders"], foldersPath(appId), params);

/** `POST …/folders/:folderId/create-group`. */
export const useCreateGroup = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], (folderId: string) =>
    api<CreateGroupResult>("POST", `${foldersPath(appId)}/${folderId}/create-group`),
  );

/** `POST …/folders/:folderId/sync-members`. */
export const useSyncMembers = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], (folderId: string) =>
    api<SyncMembersResult>("POST", `${foldersPath(appId)}/${folderId}/sync-members`),
  );
