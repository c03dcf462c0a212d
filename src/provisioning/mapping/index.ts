/**
 * Attribute mapping for SCIM provisioning: SmartLink user ↔ SCIM User (RFC 7643 §4.1, §4.3).
 * Pure code: no database, no HTTP.
 * @module
 */
export { buildScimUser, evaluateSource, type MappableUser, type ScalarValue } from "./build.js";
export { diffToPatch, hashSent } from "./diff.js";
export { readPath, type UserDraft, userDraftFromAccount } from "./draft.js";
export { canonicalJson } from "./json.js";
export {
  DEFAULT_USER_MAPPING,
  isSourceAttribute,
  type MappingEntry,
  type MappingSource,
  mappingEntrySchema,
  mappingSourceSchema,
  USER_FIELDS,
  type UserField,
  type UserMapping,
  userMappingSchema,
} from "./model.js";
export { formatPath, type PathResult, parsePath, type TargetPath, targetKey } from "./paths.js";
export { type MappingIssue, type MappingIssueCode, validateMapping } from "./validate.js";
