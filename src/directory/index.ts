/**
 * The directory module's public face: the only file other modules import (CONVENTIONS.md §1).
 */
export type { ChangeScope } from "./access.sql.js";
export type {
  ApplicationsService,
  CreateApplicationInput,
  UpdateApplicationInput,
} from "./applications.service.js";
export type { OnEvents } from "./deps.js";
export {
  type CreateDirectoryOptions,
  createDirectory,
  type Directory,
  type DirectoryTx,
} from "./directory.js";
export {
  type DirectoryTables,
  EVENT_TYPES,
  type EventRow,
  type EventsTable,
  type EventType,
} from "./directory.tables.js";
export type { ListEventsQuery } from "./events.queries.js";
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
export { directoryRoutes } from "./routes.js";
export type { CreateUserInput, ListUsersQuery, UpdateUserInput, UsersService } from "./users.service.js";
