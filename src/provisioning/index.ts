/**
 * The provisioning module's public face (CONVENTIONS.md §1).
 */
export type { ActivityEntry, Actor } from "./activity.js";
export { SYSTEM_ACTOR } from "./activity.js";
export { type Automation, type AutomationOptions, createAutomation } from "./automation/automation.js";
export { settingsRoutes } from "./automation/settings.routes.js";
export type { ScimTuning } from "./clients.js";
export { configurationRoutes } from "./configuration.routes.js";
export type { ConnectInput, ConnectionView } from "./connection.service.js";
export { type CreateProvisioningOptions, createProvisioning, type Provisioning } from "./provisioning.js";
export { actorOf, provisioningRoutes } from "./provisioning.routes.js";
export type { ProvisioningTables } from "./provisioning.tables.js";
