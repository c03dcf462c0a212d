/**
 * The directory module's public face: the only file other modules import (CONVENTIONS.md §1).
 */
export { accessPredicate, type ChangeScope } from "./access.sql.js";
// Shared zod pieces for other modules' routes (ids, paging, list envelopes, errors, shapes).
export { AccessVia as AccessViaSchema } from "./applications.schema.js";
export type {
  ApplicationsService,
  CreateApplicationInput,
  UpdateApplicationInput,
} from "./applications.service.js";
export {
  CursorPageQuery,
  ErrorBody,
  errorResponses,
  Id,
  IdParams,
  ListOf,
  Name,
  NoContent,
  PageQuery as PageQuerySchema,
} from "./common.schema.js";
export type { MembershipChange, OnEvents, OnMembership } from "./deps.js";
export { isUniqueViolation } from "./deps.js";
export {
  type CreateDirectoryOptions,
  createDirectory,
  type Directory,
  type DirectoryTx,
} from "./directory.js";
export type { FolderRow, UserRow } from "./directory.tables.js";
export {
  type DirectoryTables,
  EVENT_TYPES,
  type EventRow,
  type EventsTable,
  type EventType,
} from "./directory.tables.js";
export type { ListEventsQuery } from "./events.queries.js";
export { Folder as FolderSchema } from "./folders.schema.js";
export type { CreateFolderInput, FoldersService, LinkResult, UpdateFolderInput } from "./folders.service.js";
export type {
  AccessRow,
  AccessVia,
  Application,
  DirectoryEvent,
  EventPayload,
  FieldChange,
  Folder,
  Page,
  PageQuery,
  User,
  UserAttributes,
} from "./model.js";
export { toFolder, toUser } from "./model.js";
export { containsLower, type PageWindow, pageWindow, searchText } from "./paging.js";
export { directoryRoutes } from "./routes.js";
export { User as UserSchema } from "./users.schema.js";
export type { CreateUserInput, ListUsersQuery, UpdateUserInput, UsersService } from "./users.service.js";
