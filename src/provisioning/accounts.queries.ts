/**
 * Reads of the Accounts tab: snapshot rows with their link, and match suggestions (accounts whose
 * userName, primary email or externalId matches an unlinked SmartLink user).
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/index.js";
import { containsLower, type PageWindow } from "../directory/index.js";

export type AccountFilter = "all" | "linked" | "unlinked" | "vanished";

/**
 * One page of accounts by userName. Filter first, then read: the page's ids come from the narrow
 * (application_id, user_name_lower, id) index (or the search index), and only those 50 rows are
 * joined to their links and users. The unfiltered total counts the index alone; a join is paid
 * only when the filter is about links.
 */
export async function listAccountRows(db: Kysely<DB>, appId: string, w: PageWindow, filter: AccountFilter) {
  const linkOf = sql<boolean>`exists (select 1 from account_links l where l.application_id = a.application_id and l.account_id = a.id)`;
  const base = db
    .selectFrom("scim_accounts as a")
    .where("a.application_id", "=", appId)
    .$if(w.search !== undefined, (qb) => qb.where(containsLower("a.search_text", w.search ?? "")))
    .$if(filter === "linked", (qb) => qb.where(linkOf))
    .$if(filter === "unlinked", (qb) =>
      qb.where(sql<boolean>`not ${linkOf}`).where("a.vanished_at", "is", null),
    )
    .$if(filter === "vanished", (qb) => qb.where("a.vanished_at", "is not", null));
  const [ids, count] = await Promise.all([
    base
      .select("a.id")
      .orderBy("a.user_name_lower")
      .orderBy("a.id")
      .limit(w.pageSize)
      .offset(w.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  if (ids.length === 0) return { rows: [], total: Number(count.n) };
  const rows = await db
    .selectFrom("scim_accounts as a")
    .leftJoin("account_links as l", (j) =>
      j.onRef("l.application_id", "=", "a.application_id").onRef("l.account_id", "=", "a.id"),
    )
    .leftJoin("users as u", "u.id", "l.user_id")
    .select([
      "a.id",
      "a.user_name",
      "a.user_name_lower",
      "a.display_name",
      "a.emails",
      "a.active",
      "a.external_id",
      "a.seen_at",
      "a.vanished_at",
      "l.user_id",
      "u.email as user_email",
      "u.display_name as user_display_name",
    ])
    .where("a.application_id", "=", appId)
    .where(
      "a.id",
      "in",
      ids.map((r) => r.id),
    )
    .orderBy("a.user_name_lower")
    .orderBy("a.id")
    .execute();
  return { rows, total: Number(count.n) };
}

export interface Suggestion {
  account_id: string;
  user_name: string;
  user_id: string;
  email: string;
  reason: "userName" | "email" | "externalId";
}

/**
 * Unlinked, present accounts matching a SmartLink user who has no account linked in this
 * application, by (in this order of preference) userName = email, primary email = email, or
 * externalId = user id. `accountIds` narrows to some accounts (a page). Each account and each
 * user appears at most once: the first match wins, the rest are ambiguous and left out.
 */
export async function findSuggestions(
  db: Kysely<DB>,
  appId: string,
  accountIds?: readonly string[],
): Promise<Suggestion[]> {
  if (accountIds && accountIds.length === 0) return [];
  const only = accountIds ? sql`and a.id in (${sql.join(accountIds.map((id) => sql`${id}`))})` : sql``;
  const unlinked = sql`a.application_id = ${appId} and a.vanished_at is null ${only}
    and not exists (select 1 from account_links l where l.application_id = a.application_id and l.account_id = a.id)
    and not exists (select 1 from account_links l2 where l2.application_id = ${appId} and l2.user_id = u.id)`;
  // Three equi-joins in a UNION ALL rather than one OR-join: each can use an index.
  const q = sql<Suggestion>`
    select account_id, user_name, user_id, email, reason from (
      select a.id as account_id, a.user_name, u.id as user_id, u.email, 'userName' as reason, 1 as rank
        from scim_accounts a join users u on u.email_normalized = a.user_name_lower where ${unlinked}
      union all
      select a.id, a.user_name, u.id, u.email, 'email', 2
        from scim_accounts a join users u on u.email_normalized = a.email_lower where ${unlinked}
      union all
      select a.id, a.user_name, u.id, u.email, 'externalId', 3
        from scim_accounts a join users u on u.id = a.external_id where ${unlinked}
    ) m order by account_id, rank`;
  const rows = (await q.execute(db)).rows;
  const seenAccounts = new Set<string>();
  const seenUsers = new Set<string>();
  const out: Suggestion[] = [];
  for (const r of rows) {
    if (seenAccounts.has(r.account_id)) continue;
    seenAccounts.add(r.account_id);
    if (seenUsers.has(r.user_id)) continue;
    seenUsers.add(r.user_id);
    out.push(r);
  }
  return out;
}
