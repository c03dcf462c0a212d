/**
 * The Access tab: users with effective access, how they have it, and whether they are present in
 * the target (a linked account, or an unlinked account that matches them); and "Create an
 * account", the one implementation of provisioning an account that every path uses.
 */
import { isoNow } from "../clock.js";
import { isUniqueViolation, type PageQuery } from "../directory/index.js";
import { conflict, DomainError } from "../errors.js";
import { filter, isScimError, type ScimUser } from "../scim/index.js";
import type { Actor } from "./activity.js";
import { type ProvisioningDeps, withTarget } from "./deps.js";
import { insertAccountLink, linkByAccount, linkByUser } from "./links.queries.js";
import { buildScimUser, hashSent } from "./mapping/index.js";
import { loadMapping } from "./mapping.service.js";
import { accountRow, upsertAccounts } from "./snapshot.queries.js";

export type Presence = "linked" | "matched" | "vanished" | "absent";

/**
 * "Present in {app}" of an Access or Folders row: its linked resource (still there, or vanished
 * from the last refresh), else an unlinked resource that matches it, else absent.
 */
export function presenceOf(
  link: { vanished_at: string | null } | undefined,
  matched: boolean,
): { presentInApp: boolean; presence: Presence } {
  const presence: Presence = link
    ? link.vanished_at
      ? "vanished"
      : "linked"
    : matched
      ? "matched"
      : "absent";
  return { presentInApp: presence === "linked" || presence === "matched", presence };
}

/** What "Create an account" did. */
export type CreateAccountOutcome = "created" | "linkedExisting" | "alreadyLinked";

export function createAccess(deps: ProvisioningDeps) {
  const { db, dialect, clock, directory } = deps;

  return {
    /** One page of users with access (by email), each with `presentInApp` and the account's id and userName. */
    async list(appId: string, query: PageQuery & { after?: string | undefined }) {
      await deps.clients.get(appId);
      const page = await directory.applications.accessList(appId, query);
      const ids = page.items.map((r) => r.user.id);
      const emails = page.items.map((r) => r.user.email.trim().toLowerCase());
      const [links, matches] = await Promise.all([
        ids.length === 0
          ? []
          : db
              .selectFrom("account_links as l")
              .leftJoin("scim_accounts as a", (j) =>
                j.onRef("a.application_id", "=", "l.application_id").onRef("a.id", "=", "l.account_id"),
              )
              .select(["l.user_id", "l.account_id", "a.user_name", "a.vanished_at", "a.active"])
              .where("l.application_id", "=", appId)
              .where("l.user_id", "in", ids)
              .execute(),
        emails.length === 0
          ? []
          : db
              .selectFrom("scim_accounts as a")
              .select(["a.id", "a.user_name", "a.user_name_lower", "a.email_lower", "a.active"])
              .where("a.application_id", "=", appId)
              .where("a.vanished_at", "is", null)
              .where((eb) =>
                eb.or([eb("a.user_name_lower", "in", emails), eb("a.email_lower", "in", emails)]),
              )
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom("account_links as l2")
                      .select("l2.user_id")
                      .whereRef("l2.application_id", "=", "a.application_id")
                      .whereRef("l2.account_id", "=", "a.id"),
                  ),
                ),
              )
              .execute(),
      ]);
      const linkOf = new Map(links.map((l) => [l.user_id, l]));
      const matchOf = new Map<string, { id: string; user_name: string; active: number }>();
      for (const m of matches) {
        for (const key of [m.user_name_lower, m.email_lower])
          if (key && !matchOf.has(key)) matchOf.set(key, m);
      }
      const items = page.items.map((r) => {
        const link = linkOf.get(r.user.id);
        const match = link ? undefined : matchOf.get(r.user.email.trim().toLowerCase());
        const active = link
          ? link.active === null
            ? null
            : Number(link.active) === 1
          : match
            ? match.active === 1
            : null;
        return {
          ...r,
          ...presenceOf(link, match !== undefined),
          accountId: link?.account_id ?? match?.id ?? null,
          accountUserName: link?.user_name ?? match?.user_name ?? null,
          accountActive: active,
        };
      });
      return { ...page, items };
    },

    /**
     * Create an account: provisions the user through the mapping and links the account. When the
     * target answers 409 uniqueness, the existing account is found (mapped userName, then
     * externalId) and linked instead. Refused when the user has no access. Idempotent: a user
     * already linked gets `alreadyLinked` and nothing is sent.
     */
    createAccount(appId: string, userId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "account.create", async (s) => {
        const user = await directory.users.get(userId);
        if (!(await directory.hasAccess(appId, userId))) {
          throw conflict(
            "provisioning.no_access",
            `${user.email} has no access to ${s.appName}: give access (directly or through a folder) first`,
          );
        }
        const existing = await linkByUser(db, appId, userId);
        if (existing)
          return { outcome: "alreadyLinked" as CreateAccountOutcome, accountId: existing.account_id, user };
        const resource = buildScimUser(await loadMapping(db, appId), user);
        let account: ScimUser;
        let outcome: CreateAccountOutcome = "created";
        try {
          account = await s.client.users.create(resource);
        } catch (err) {
          if (!isScimError(err, "conflict")) return s.fail(err, `creating the account of ${user.email}`);
          const found = await findExisting(s.client, String(resource.userName ?? ""), userId).catch((e) =>
            s.fail(e, `looking up the existing account of ${user.email}`),
          );
          if (!found) {
            throw new DomainError(
              "conflict",
              "target.conflict",
              `${s.appName} says an account like ${user.email}'s already exists, but SmartLink cannot find it by userName or externalId: check the account in ${s.appName}`,
            );
          }
          account = found;
          outcome = "linkedExisting";
        }
        const now = isoNow(clock);
        try {
          await db.transaction().execute(async (trx) => {
            const taken = await linkByAccount(trx, appId, account.id);
            if (taken && taken.user_id !== userId) {
              throw conflict(
                "provisioning.account_linked",
                `The account "${account.userName}" in ${s.appName} is already associated with another SmartLink user`,
                { userId: taken.user_id },
              );
            }
            const sent = outcome === "created" ? resource : null;
            await insertAccountLink(trx, {
              appId,
              userId,
              accountId: account.id,
              sent,
              hash: sent ? hashSent(sent) : null,
              now,
            });
            await upsertAccounts(trx, dialect, [accountRow(appId, account, null, now)]);
          });
        } catch (err) {
          // Two clicks at once: the other one linked it first.
          if (isUniqueViolation(err)) {
            const link = await linkByUser(db, appId, userId);
            if (link)
              return { outcome: "alreadyLinked" as CreateAccountOutcome, accountId: link.account_id, user };
          }
          throw err;
        }
        return { outcome, accountId: account.id, user };
      });
    },
  };
}

/** The account a 409 refers to: by the userName we sent, then by externalId = the SmartLink user id. */
async function findExisting(
  client: import("../scim/index.js").ScimClient,
  userName: string,
  userId: string,
): Promise<ScimUser | undefined> {
  const byName = await client.users.findByUserName(userName);
  if (byName) return byName;
  const byExternal = await client.users.search(filter.eq("externalId", userId), { pageSize: 2 });
  return byExternal[0];
}
