/**
 * Links: SmartLink user ↔ account and folder ↔ group, per application. Unique both ways (the
 * indexes of migration 0004 are the final guard against two admins linking at once).
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";

export const linkByAccount = (db: Kysely<DB>, appId: string, accountId: string) =>
  db
    .selectFrom("account_links")
    .selectAll()
    .where("application_id", "=", appId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();

export const linkByUser = (db: Kysely<DB>, appId: string, userId: string) =>
  db
    .selectFrom("account_links")
    .selectAll()
    .where("application_id", "=", appId)
    .where("user_id", "=", userId)
    .executeTakeFirst();

export async function insertAccountLink(
  db: Kysely<DB>,
  row: {
    appId: string;
    userId: string;
    accountId: string;
    sent: object | null;
    hash: string | null;
    now: string;
  },
) {
  await db
    .insertInto("account_links")
    .values({
      application_id: row.appId,
      user_id: row.userId,
      account_id: row.accountId,
      last_sent: row.sent ? JSON.stringify(row.sent) : null,
      last_sent_hash: row.hash,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export const deleteAccountLink = (db: Kysely<DB>, appId: string, accountId: string) =>
  db
    .deleteFrom("account_links")
    .where("application_id", "=", appId)
    .where("account_id", "=", accountId)
    .returning("user_id")
    .executeTakeFirst();

export const groupLinkByGroup = (db: Kysely<DB>, appId: string, groupId: string) =>
  db
    .selectFrom("group_links")
    .selectAll()
    .where("application_id", "=", appId)
    .where("group_id", "=", groupId)
    .executeTakeFirst();

export const groupLinkByFolder = (db: Kysely<DB>, appId: string, folderId: string) =>
  db
    .selectFrom("group_links")
    .selectAll()
    .where("application_id", "=", appId)
    .where("folder_id", "=", folderId)
    .executeTakeFirst();

export async function insertGroupLink(
  db: Kysely<DB>,
  row: { appId: string; folderId: string; groupId: string; members: string[] | null; now: string },
) {
  await db
    .insertInto("group_links")
    .values({
      application_id: row.appId,
      folder_id: row.folderId,
      group_id: row.groupId,
      last_members: row.members ? JSON.stringify(row.members) : null,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

/** Account ids, in this application, of the folder's members that have a linked account. */
export async function linkedAccountsOfFolder(
  db: Kysely<DB>,
  appId: string,
  folderId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("folder_members as fm")
    .innerJoin("account_links as l", (j) =>
      j.onRef("l.user_id", "=", "fm.user_id").on("l.application_id", "=", appId),
    )
    .select("l.account_id")
    .where("fm.folder_id", "=", folderId)
    .orderBy("l.account_id")
    .execute();
  return rows.map((r) => r.account_id);
}

/** SmartLink users linked, in this application, to any of these account ids. */
export async function usersOfAccounts(db: Kysely<DB>, appId: string, accountIds: readonly string[]) {
  const out: Array<{ user_id: string; account_id: string }> = [];
  for (let i = 0; i < accountIds.length; i += 500) {
    const part = accountIds.slice(i, i + 500);
    if (part.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom("account_links")
        .select(["user_id", "account_id"])
        .where("application_id", "=", appId)
        .where("account_id", "in", part)
        .execute()),
    );
  }
  return out;
}
