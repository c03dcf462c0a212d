/**
 * SCIM 2.0 client (RFC 7643, RFC 7644, RFC 9865 cursor pagination). Knows nothing of SmartLink.
 * @module
 */
export type { AuthProvider } from "./auth.js";
export { createScimClient, type ScimClient, type ScimClientOptions } from "./client.js";
export { AdaptiveLimiter } from "./concurrency.js";
export { capabilitiesFromConfig, DEFAULT_CAPABILITIES, type Discovery } from "./discovery.js";
export { classify, type FailureFacts, isScimError, ScimError, type ScimErrorCategory } from "./errors.js";
export { type Filter, filter, quoteValue, valuePath } from "./filter.js";
export type { GroupsApi } from "./groups.js";
export { chunk, patchBody, patchOp } from "./patch.js";
export { REDACTED, redact } from "./redact.js";
export type { Method, RequestSpec } from "./request.js";
export type { ListOptions, ResourceOps } from "./resources.js";
export { backoffDelay, DEFAULT_RETRY, nextDelay, parseRetryAfter } from "./retry.js";
export {
  CORE_GROUP_SCHEMA,
  CORE_RESOURCE_TYPES,
  CORE_SCHEMAS,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
} from "./schemas-core.js";
export * from "./types.js";
export type { UsersApi } from "./users.js";
export type { ResourceType, SchemaAttribute, ScimSchema, ServiceProviderConfig } from "./wire.js";
