/**
 * The whole database type, composed from the tables each module owns.
 */
import type { AuthTables } from "../auth/auth.tables.js";
import type { DirectoryTables } from "../directory/directory.tables.js";
import type { JobTables } from "../jobs/jobs.tables.js";
import type { MessagingTables } from "../messaging/messaging.tables.js";
import type { ProvisioningTables } from "../provisioning/provisioning.tables.js";

export interface DB extends DirectoryTables, AuthTables, ProvisioningTables, JobTables, MessagingTables {}
