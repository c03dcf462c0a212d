/**
 * The provisioning module's tables (migration 0004). Same conventions as the directory's: ids are
 * text, timestamps ISO strings, booleans 0/1, JSON as text.
 */
import type { Generated, Selectable } from "kysely";

/**
 * `disconnected`: the admin disconnected; the row stays (without credentials) so that the next
 * connection knows which target the snapshot and links describe.
 */
export type ConnectionStatus = "connected" | "failed" | "disconnected";

export interface ScimConnectionsTable {
  application_id: string;
  base_url: string;
  auth_type: "bearer" | "basic" | "oauth";
  /** Sealed JSON of the credentials (src/crypto), associated data `scim-connection:<appId>`. */
  credentials: string;
  status: ConnectionStatus;
  /** JSON `Capabilities` from discovery and the probe. */
  capabilities: string;
  verified_at: string | null;
  /** JSON `{ code, message }` of the last failed verification. */
  last_error: string | null;
  /** When the accounts (groups) snapshot was last read completely; null = never. */
  accounts_read_at: string | null;
  groups_read_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScimSchemaFetchesTable {
  id: Generated<number>;
  application_id: string;
  fetched_at: string;
  /** JSON `SchemaDocument`. */
  document: string;
}

export interface AttributeMappingsTable {
  application_id: string;
  /** JSON `UserMapping`. */
  user_mapping: string;
  updated_at: string;
}

/** One account of the target as last seen by a refresh or an action. */
export interface ScimAccountsTable {
  application_id: string;
  id: string;
  user_name: string;
  user_name_lower: string;
  display_name: string | null;
  /** Lower-cased primary (else first) email. */
  email_lower: string | null;
  emails: string;
  external_id: string | null;
  active: number;
  /** The whole resource as the target returned it (JSON). */
  raw: string;
  search_text: string;
  /** The refresh job that last saw it; null when written by an action. */
  refresh_id: number | null;
  seen_at: string;
  /** Set when a complete refresh no longer found it. */
  vanished_at: string | null;
}

export interface ScimGroupsTable {
  application_id: string;
  id: string;
  display_name: string;
  display_name_lower: string;
  external_id: string | null;
  /** null when the target does not show members in lists. */
  member_count: number | null;
  /** JSON array of member ids, or null (unknown). */
  members: string | null;
  search_text: string;
  refresh_id: number | null;
  seen_at: string;
  vanished_at: string | null;
}

export interface AccountLinksTable {
  application_id: string;
  user_id: string;
  account_id: string;
  last_sent: string | null;
  last_sent_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupLinksTable {
  application_id: string;
  folder_id: string;
  group_id: string;
  /** JSON array of the member account ids last pushed. */
  last_members: string | null;
  created_at: string;
  updated_at: string;
}

export type ActorType = "admin" | "event" | "system";

export interface ScimActivityTable {
  id: Generated<number>;
  application_id: string;
  at: string;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string | null;
  /** What SmartLink was doing, e.g. `account.create`, `snapshot.accounts`, `connection.verify`. */
  operation: string;
  method: string;
  path: string;
  resource_type: string | null;
  resource_id: string | null;
  /** 0 when no response arrived. */
  status: number;
  duration_ms: number;
  attempt: number;
  error: string | null;
  request_body: string | null;
  response_body: string | null;
}

export type Mode = "manual" | "notification" | "automatic";

/** Per-application automation settings (migration 0005). */
export interface ProvisioningSettingsTable {
  application_id: string;
  user_gains_access: Mode;
  user_loses_access: Mode;
  user_deactivated: Mode;
  user_updated: Mode;
  /** Minutes between scheduled reconciliations; null = off. */
  reconcile_minutes: number | null;
  last_reconciled_at: string | null;
  /** Jobs of this application in flight at once, across worker processes. */
  max_concurrency: number;
  paused_at: string | null;
  pause_reason: string | null;
  consecutive_failures: number;
  updated_at: string;
}

export interface ProvisioningTables {
  provisioning_settings: ProvisioningSettingsTable;
  scim_connections: ScimConnectionsTable;
  scim_schema_fetches: ScimSchemaFetchesTable;
  attribute_mappings: AttributeMappingsTable;
  scim_accounts: ScimAccountsTable;
  scim_groups: ScimGroupsTable;
  account_links: AccountLinksTable;
  group_links: GroupLinksTable;
  scim_activity: ScimActivityTable;
}

export type ConnectionRow = Selectable<ScimConnectionsTable>;
export type AccountRow = Selectable<ScimAccountsTable>;
export type GroupRow = Selectable<ScimGroupsTable>;
export type AccountLinkRow = Selectable<AccountLinksTable>;
export type GroupLinkRow = Selectable<GroupLinksTable>;
export type ActivityRow = Selectable<ScimActivityTable>;
