/**
 * The snapshot of a target: accounts and groups as last seen, upserted page by page by a refresh
 * and row by row by actions. A complete refresh marks what it did not see as vanished.
 */
import type { Kysely } from "kysely";
import { chunkRows, type DB, type DialectInfo } from "../db/index.js";
import { searchText } from "../directory/index.js";
import type { ScimGroup, ScimMultiValue, ScimUser } from "../scim/index.js";
import type { ScimAccountsTable, ScimGroupsTable } from "./provisioning.tables.js";

/** The account's primary email, else its first one. */
export function primaryEmail(u: ScimUser): string | null {
  const emails = (u.emails ?? []) as ScimMultiValue[];
  const e = emails.find((m) => m.primary === true) ?? emails[0];
  return typeof e?.value === "string" ? e.value : null;
}

export function accountRow(
  appId: string,
  u: ScimUser,
  refreshId: number | null,
  now: string,
): ScimAccountsTable {
  const email = primaryEmail(u);
  return {
    application_id: appId,
    id: u.id,
    user_name: u.userName,
    user_name_lower: u.userName.toLowerCase(),
    display_name: u.displayName ?? null,
    email_lower: email?.toLowerCase() ?? null,
    emails: JSON.stringify(u.emails ?? []),
    external_id: u.externalId ?? null,
    active: u.active === false ? 0 : 1,
    raw: JSON.stringify(u),
    search_text: searchText(u.userName, u.displayName, email, u.name?.givenName, u.name?.familyName),
    refresh_id: refreshId,
    seen_at: now,
    vanished_at: null,
  };
}

export function groupRow(
  appId: string,
  g: ScimGroup,
  refreshId: number | null,
  now: string,
): ScimGroupsTable {
  const members = g.members?.map((m) => m.value) ?? null;
  return {
    application_id: appId,
    id: g.id,
    display_name: g.displayName,
    display_name_lower: g.displayName.toLowerCase(),
    external_id: g.externalId ?? null,
    member_count: members ? members.length : null,
    members: members ? JSON.stringify(members) : null,
    search_text: searchText(g.displayName, g.externalId),
    refresh_id: refreshId,
    seen_at: now,
    vanished_at: null,
  };
}

/** Inserts or replaces account rows (chunked under the dialect's bind limit). */
export async function upsertAccounts(db: Kysely<DB>, dialect: DialectInfo, rows: ScimAccountsTable[]) {
  for (const part of chunkRows(rows, 15, dialect)) {
    if (part.length === 0) continue;
    await db
      .insertInto("scim_accounts")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["application_id", "id"]).doUpdateSet((eb) => ({
          user_name: eb.ref("excluded.user_name"),
          user_name_lower: eb.ref("excluded.user_name_lower"),
          display_name: eb.ref("excluded.display_name"),
          email_lower: eb.ref("excluded.email_lower"),
          emails: eb.ref("excluded.emails"),
          external_id: eb.ref("excluded.external_id"),
          active: eb.ref("excluded.active"),
          raw: eb.ref("excluded.raw"),
          search_text: eb.ref("excluded.search_text"),
          refresh_id: eb.ref("excluded.refresh_id"),
          seen_at: eb.ref("excluded.seen_at"),
          vanished_at: null,
        })),
      )
      .execute();
  }
}

/**
 * Inserts or replaces group rows. A group listed without members (AWS-like targets hide them)
 * keeps the members we knew rather than reading as empty.
 */
export async function upsertGroups(db: Kysely<DB>, dialect: DialectInfo, rows: ScimGroupsTable[]) {
  for (const part of chunkRows(rows, 12, dialect)) {
    if (part.length === 0) continue;
    await db
      .insertInto("scim_groups")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["application_id", "id"]).doUpdateSet((eb) => ({
          display_name: eb.ref("excluded.display_name"),
          display_name_lower: eb.ref("excluded.display_name_lower"),
          external_id: eb.ref("excluded.external_id"),
          member_count: eb.fn.coalesce("excluded.member_count", "scim_groups.member_count"),
          members: eb.fn.coalesce("excluded.members", "scim_groups.members"),
          search_text: eb.ref("excluded.search_text"),
          refresh_id: eb.ref("excluded.refresh_id"),
          seen_at: eb.ref("excluded.seen_at"),
          vanished_at: null,
        })),
      )
      .execute();
  }
}

/** One account or group found missing by an action (a 404): marked vanished, like a refresh would. */
export async function markOneVanished(
  db: Kysely<DB>,
  table: "scim_accounts" | "scim_groups",
  appId: string,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable(table)
    .set({ vanished_at: now })
    .where("application_id", "=", appId)
    .where("id", "=", id)
    .execute();
}

/** After a complete refresh: rows it did not see are marked vanished; returns how many. */
export async function markVanished(
  db: Kysely<DB>,
  table: "scim_accounts" | "scim_groups",
  appId: string,
  refreshId: number,
  startedAt: string,
  now: string,
): Promise<number> {
  const res = await db
    .updateTable(table)
    .set({ vanished_at: now })
    .where("application_id", "=", appId)
    .where("vanished_at", "is", null)
    .where((eb) => eb.or([eb("refresh_id", "is", null), eb("refresh_id", "<>", refreshId)]))
    // Rows an action wrote after this refresh began are fresher than the refresh itself.
    .where("seen_at", "<", startedAt)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Drops rows that were already vanished before this refresh and are not linked to anything. */
export async function purgeVanished(db: Kysely<DB>, appId: string, before: string) {
  await db
    .deleteFrom("scim_accounts")
    .where("application_id", "=", appId)
    .where("vanished_at", "<", before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("account_links")
            .select("account_links.user_id")
            .whereRef("account_links.application_id", "=", "scim_accounts.application_id")
            .whereRef("account_links.account_id", "=", "scim_accounts.id"),
        ),
      ),
    )
    .execute();
  await db
    .deleteFrom("scim_groups")
    .where("application_id", "=", appId)
    .where("vanished_at", "<", before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("group_links")
            .select("group_links.folder_id")
            .whereRef("group_links.application_id", "=", "scim_groups.application_id")
            .whereRef("group_links.group_id", "=", "scim_groups.id"),
        ),
      ),
    )
    .execute();
}

/** Records that the accounts (groups) snapshot was just read completely. */
export async function markRead(db: Kysely<DB>, appId: string, kind: "accounts" | "groups", at: string) {
  await db
    .updateTable("scim_connections")
    .set(kind === "accounts" ? { accounts_read_at: at } : { groups_read_at: at })
    .where("application_id", "=", appId)
    .execute();
}

/** When the accounts (groups) snapshot was last read completely; null when never. */
export async function lastRead(db: Kysely<DB>, appId: string, kind: "accounts" | "groups") {
  const row = await db
    .selectFrom("scim_connections")
    .select(["accounts_read_at", "groups_read_at"])
    .where("application_id", "=", appId)
    .executeTakeFirst();
  return (kind === "accounts" ? row?.accounts_read_at : row?.groups_read_at) ?? null;
}
