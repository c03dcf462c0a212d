/**
 * Drift: where the target differs from what SmartLink intends, per event — users with access but
 * no account (gains), accounts of users without access (loses), accounts active for deactivated
 * users or inactive for active ones, and accounts whose attributes differ from the mapping's output.
 * The same lists answer "what is pending" when a mode switches to automatic, and feed the scheduled
 * reconciliation. Set-based SQL, except attribute drift, which needs the mapping (streamed in chunks).
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/index.js";
import { accessPredicate, toUser, type UserRow } from "../../directory/index.js";
import { buildScimUser, hashSent, type UserMapping } from "../mapping/index.js";
import type { AccountJobKind } from "./policy.js";

export type Drift = Record<AccountJobKind, string[]>;

/** The directory's own "has access" predicate, on a user column. */
const access = (appId: string, user: string) => accessPredicate(appId, sql.ref(user));

/** Linked accounts whose snapshot row vanished: the link points nowhere. Removes those links. */
export async function dropVanishedLinks(db: Kysely<DB>, appId: string): Promise<number> {
  const res = await db
    .deleteFrom("account_links")
    .where("application_id", "=", appId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("scim_accounts as a")
          .select("a.id")
          .whereRef("a.application_id", "=", "account_links.application_id")
          .whereRef("a.id", "=", "account_links.account_id")
          .where("a.vanished_at", "is not", null),
      ),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * The drift of the application, as user ids per job kind: every kind, or only those in `only`
 * (the others answer empty). Attribute drift maps every linked user, so it is the costly part.
 */
export async function findDrift(
  db: Kysely<DB>,
  appId: string,
  mapping: UserMapping,
  only?: ReadonlySet<AccountJobKind>,
): Promise<Drift> {
  const ids = (rows: Array<{ user_id: string }>) => rows.map((r) => r.user_id);
  const wantUpdate = !only || only.has("account.update");
  // Update drift leaves out who is to be removed, deactivated or reactivated: those lists too.
  const want = (k: AccountJobKind) => !only || only.has(k) || (wantUpdate && k !== "account.provision");
  const none = Promise.resolve({ rows: [] as Array<{ user_id: string }> });
  const when = (k: AccountJobKind, q: () => Promise<{ rows: Array<{ user_id: string }> }>) =>
    want(k) ? q() : none;
  const [provision, deprovision, deactivate, reactivate] = await Promise.all([
    when("account.provision", () =>
      sql<{ user_id: string }>`select u.id as user_id from users u
      where ${access(appId, "u.id")}
        and not exists (select 1 from account_links l where l.application_id = ${appId} and l.user_id = u.id)
      order by u.id`.execute(db),
    ),
    when("account.deprovision", () =>
      sql<{ user_id: string }>`select l.user_id from account_links l
      where l.application_id = ${appId} and not ${access(appId, "l.user_id")} order by l.user_id`.execute(db),
    ),
    when("account.deactivate", () =>
      sql<{ user_id: string }>`select l.user_id from account_links l
      join users u on u.id = l.user_id
      left join scim_accounts a on a.application_id = l.application_id and a.id = l.account_id
      where l.application_id = ${appId} and u.active = 0 and coalesce(a.active, 1) = 1
        and ${access(appId, "l.user_id")} order by l.user_id`.execute(db),
    ),
    when("account.reactivate", () =>
      sql<{ user_id: string }>`select l.user_id from account_links l
      join users u on u.id = l.user_id
      join scim_accounts a on a.application_id = l.application_id and a.id = l.account_id
      where l.application_id = ${appId} and u.active = 1 and a.active = 0
        and ${access(appId, "l.user_id")} order by l.user_id`.execute(db),
    ),
  ]);
  const inactiveOrGone = new Set([
    ...ids(deprovision.rows),
    ...ids(deactivate.rows),
    ...ids(reactivate.rows),
  ]);
  const update = wantUpdate
    ? (await attributeDrift(db, appId, mapping)).filter((id) => !inactiveOrGone.has(id))
    : [];
  const keep = (k: AccountJobKind, list: string[]) => (!only || only.has(k) ? list : []);
  return {
    "account.provision": keep("account.provision", ids(provision.rows)),
    "account.deprovision": keep("account.deprovision", ids(deprovision.rows)),
    "account.deactivate": keep("account.deactivate", ids(deactivate.rows)),
    "account.reactivate": keep("account.reactivate", ids(reactivate.rows)),
    "account.update": update,
  };
}

/** Key attributes compared with the snapshot (what an admin would call "the account is out of date"). */
const COMPARED = [
  "userName",
  "displayName",
  "name.givenName",
  "name.familyName",
  "active",
  "primaryEmail",
] as const;

function pick(resource: Record<string, unknown>, key: (typeof COMPARED)[number]): unknown {
  if (key === "primaryEmail") {
    const emails = (resource.emails ?? []) as Array<{ value?: unknown; primary?: unknown }>;
    return (emails.find((e) => e.primary === true) ?? emails[0])?.value;
  }
  const [a, b] = key.split(".");
  const v = resource[a!];
  return b ? (v as Record<string, unknown> | undefined)?.[b] : v;
}

/**
 * Linked users whose mapped attributes changed since the last send (hash), or whose account in the
 * snapshot disagrees with the mapping on a key attribute (changed in the target by someone else).
 */
async function attributeDrift(db: Kysely<DB>, appId: string, mapping: UserMapping): Promise<string[]> {
  const out: string[] = [];
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("account_links as l")
      .innerJoin("users as u", "u.id", "l.user_id")
      .leftJoin("scim_accounts as a", (j) =>
        j.onRef("a.application_id", "=", "l.application_id").onRef("a.id", "=", "l.account_id"),
      )
      .selectAll("u")
      .select(["l.last_sent_hash", "a.raw"])
      .where("l.application_id", "=", appId)
      .where("l.user_id", ">", after)
      .orderBy("l.user_id")
      .limit(1000)
      .execute();
    if (rows.length === 0) return out;
    for (const r of rows) {
      const next = buildScimUser(mapping, toUser(r as UserRow)) as Record<string, unknown>;
      let drifted = r.last_sent_hash !== null && r.last_sent_hash !== hashSent(next);
      if (!drifted && r.raw) {
        const seen = JSON.parse(r.raw) as Record<string, unknown>;
        drifted = COMPARED.some((k) => {
          const want = pick(next, k);
          const have = pick(seen, k);
          if (want === undefined) return false;
          return typeof want === "string" && typeof have === "string"
            ? k === "userName" || k === "primaryEmail"
              ? want.toLowerCase() !== have.toLowerCase()
              : want !== have
            : want !== have;
        });
      }
      if (drifted) out.push(r.id);
    }
    after = rows.at(-1)!.id;
  }
}
