import { resource, useLink, useSubList } from "./resource";
import type { Application, Folder, FolderInput, ListParams, User } from "./types";

/**
 * `/api/folders`; use it with the generic hooks of `./resource`. Folder writes change effective
 * access, so application access lists are refreshed too.
 */
export const folders = resource<Folder, FolderInput>("folders", ["applications"]);

/** `GET /api/folders/:id/members`. */
export const useFolderMembers = (id: string, p: ListParams) =>
  useSubList<User, Folder, FolderInput>(folders, "members", id, p);

/** `GET /api/folders/:id/applications`. */
export const useFolderApplications = (id: string, p: ListParams) =>
  useSubList<Application, Folder, FolderInput>(folders, "applications", id, p);

/** `PUT`/`DELETE /api/folders/:id/members/:userId`. */
export const useSetFolderMember = () => useLink(folders, "members");

/** `PUT`/`DELETE /api/folders/:id/applications/:appId`. */
export const useSetFolderApplication = () => useLink(folders, "applications");
