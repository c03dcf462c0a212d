/**
 * `/api/applications/:id/provisioning/groups…` (DESIGN.md § HTTP API): the Groups sub-tab's data —
 * the snapshot of the target's groups with the folder linked to each, its refresh (a job) and the
 * row actions Create a folder, Associate a folder and Delete. Shapes mirror `GroupRow`, `GroupsQuery`
 * and the responses of the group routes in src/provisioning/provisioning.schema.ts and
 * src/provisioning/provisioning.routes.ts.
 */
import { api } from "./client";
import { folders } from "./folders";
import { provisioningKey } from "./provisioning";
import { useInvalidatingMutation, usePageQuery } from "./resource";
import type { Folder, ListParams, Page } from "./types";

/** Mirrors `GroupRow`. */
export interface GroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  /** null when the target does not list members. */
  memberCount: number | null;
  /** When a refresh (or an action) last read the group from the target. */
  seenAt: string;
  /** Set when the group was found deleted in the target (until the next refresh drops it). */
  vanishedAt: string | null;
  linkedFolder: { id: string; name: string } | null;
}

/** Mirrors `GroupsQuery.filter`. */
export type GroupFilter = "all" | "linked" | "unlinked";

export interface GroupsParams extends ListParams {
  filter: GroupFilter;
}

/** 201 of `POST …/groups/:groupId/create-folder`. */
export interface CreatedFolder {
  folder: Folder;
  groupId: string;
  /** Group members whose account is linked to a SmartLink user: they joined the folder. */
  members: number;
  /** Group members without a linked SmartLink user: left out. */
  unmatched: number;
}

/** 200 of `POST …/groups/:groupId/associate`. */
export interface AssociatedFolder {
  folder: Folder;
  groupId: string;
  /** The folder did not contain the application: it does now. */
  applicationAdded: boolean;
}

/** 200 of `DELETE …/groups/:groupId`. */
export interface DeletedGroup {
  groupId: string;
  unlinkedFolderId: string | null;
}

export const groupsKey = (appId: string) => [...provisioningKey(appId), "groups"] as const;

const groupsPath = (appId: string) => `/applications/${appId}/provisioning/groups`;
const groupPath = (appId: string, groupId: string) => `${groupsPath(appId)}/${encodeURIComponent(groupId)}`;

/** A page of the snapshot (mirrors `SnapshotPage(GroupRow)`). */
export interface GroupsPage extends Page<GroupRow> {
  /** When the groups were last read completely from the target; null: never. */
  readAt: string | null;
}

/** `GET …/groups?search=&page=&pageSize=&filter=` (server-paginated). */
export const useGroups = (appId: string, params: GroupsParams) =>
  usePageQuery<GroupRow, GroupsPage>(groupsKey(appId), groupsPath(appId), params);

/**
 * A group write changes the provisioning tabs and, for folder actions, the directory's folders and
 * the applications' access lists. A refusal refreshes them too: an action that finds the group gone
 * in the target marks it so, and the table then shows it as deleted.
 */
const useGroupWrite = <A, R>(appId: string, fn: (arg: A) => Promise<R>) =>
  useInvalidatingMutation([provisioningKey(appId), ...folders.stale], fn, { refreshOnError: true });

/** `POST …/groups/:groupId/create-folder`. */
export const useCreateFolderFromGroup = (appId: string) =>
  useGroupWrite(appId, (groupId: string) =>
    api<CreatedFolder>("POST", `${groupPath(appId, groupId)}/create-folder`),
  );

/** `POST …/groups/:groupId/associate` with `{ folderId }`. */
export const useAssociateFolder = (appId: string) =>
  useGroupWrite(appId, (arg: { groupId: string; folderId: string }) =>
    api<AssociatedFolder>("POST", `${groupPath(appId, arg.groupId)}/associate`, {
      body: { folderId: arg.folderId },
    }),
  );

/** `DELETE …/groups/:groupId`: deletes the group in the target and unlinks its folder. */
export const useDeleteGroup = (appId: string) =>
  useGroupWrite(appId, (groupId: string) => api<DeletedGroup>("DELETE", groupPath(appId, groupId)));
