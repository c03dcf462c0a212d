/**
 * The Accounts tab: the snapshot of the target's accounts with their links and match suggestions,
 * and its row actions — Create a membership, Associate a membership (one or all suggestions),
 * Delete. Every action reads the account fresh from the target first, so an account deleted in the
 * target since the list was shown is reported as gone, not acted on.
 */
import type { Kysely } from "kysely";
import { isoNow } from "../clock.js";
import type { DB } from "../db/index.js";
import { isUniqueViolation, type PageQuery, pageWindow } from "../directory/index.js";
import { conflict, DomainError, invalid } from "../errors.js";
import { isScimError, type ScimUser } from "../scim/index.js";
import { type AccountFilter, findSuggestions, listAccountRows } from "./accounts.queries.js";
import type { Actor } from "./activity.js";
import { type ActionScope, type ProvisioningDeps, withTarget } from "./deps.js";
import { deleteAccountLink, insertAccountLink, linkByAccount, linkByUser } from "./links.queries.js";
import { userDraftFromAccount } from "./mapping/index.js";
import { loadMapping } from "./mapping.service.js";
import { accountRow, lastRead, markOneVanished, upsertAccounts } from "./snapshot.queries.js";

export interface AccountView {
  id: string;
  userName: string;
  displayName: string | null;
  emails: unknown[];
  active: boolean;
  externalId: string | null;
  seenAt: string;
  /** Set when the last complete refresh did not find it. */
  vanishedAt: string | null;
  linkedUser: { id: string; email: string | null; displayName: string | null } | null;
  suggestedUser: { id: string; email: string; reason: "userName" | "email" | "externalId" } | null;
}

export function createAccounts(deps: ProvisioningDeps) {
  const { db, dialect, clock, directory } = deps;

  /** GET the account from the target; a 404 marks it vanished and answers `account.gone`. */
  async function fresh(s: ActionScope, appId: string, accountId: string): Promise<ScimUser> {
    try {
      const account = await s.client.users.get(accountId);
      await upsertAccounts(db, dialect, [accountRow(appId, account, null, isoNow(clock))]);
      return account;
    } catch (err) {
      if (isScimError(err, "notFound")) {
        await markOneVanished(db, "scim_accounts", appId, accountId, isoNow(clock));
        throw new DomainError(
          "not_found",
          "account.gone",
          `This account no longer exists in ${s.appName}: it was deleted there. Refresh the Accounts tab.`,
          { accountId },
        );
      }
      return s.fail(err, "reading the account");
    }
  }

  /** `q`: the open transaction when called inside one (a pool read there would wait on itself). */
  async function assertAccountFree(appId: string, accountId: string, q: Kysely<DB> = db) {
    const link = await linkByAccount(q, appId, accountId);
    if (!link) return;
    const user = await q
      .selectFrom("users")
      .select("email")
      .where("id", "=", link.user_id)
      .executeTakeFirst();
    throw conflict(
      "provisioning.account_linked",
      `This account is already associated with ${user?.email ?? "another SmartLink user"}`,
      { userId: link.user_id },
    );
  }

  return {
    /** One page of the snapshot, by userName; `filter` narrows to linked, unlinked or vanished accounts. */
    async list(appId: string, query: PageQuery & { filter?: AccountFilter | undefined }) {
      await deps.clients.get(appId);
      const w = pageWindow(query);
      const { rows, total } = await listAccountRows(db, appId, w, query.filter ?? "all");
      const unlinked = rows.filter((r) => r.user_id === null && r.vanished_at === null).map((r) => r.id);
      const suggestions = new Map((await findSuggestions(db, appId, unlinked)).map((s) => [s.account_id, s]));
      const items: AccountView[] = rows.map((r) => {
        const s = suggestions.get(r.id);
        return {
          id: r.id,
          userName: r.user_name,
          displayName: r.display_name,
          emails: JSON.parse(r.emails) as unknown[],
          active: Number(r.active) === 1,
          externalId: r.external_id,
          seenAt: r.seen_at,
          vanishedAt: r.vanished_at,
          linkedUser: r.user_id
            ? { id: r.user_id, email: r.user_email ?? null, displayName: r.user_display_name ?? null }
            : null,
          suggestedUser: s ? { id: s.user_id, email: s.email, reason: s.reason } : null,
        };
      });
      return {
        items,
        total,
        page: w.page,
        pageSize: w.pageSize,
        readAt: await lastRead(db, appId, "accounts"),
      };
    },

    /** Every current match suggestion (for "associate all"). */
    async suggestions(appId: string) {
      await deps.clients.get(appId);
      const rows = await findSuggestions(db, appId);
      return rows.map((s) => ({
        accountId: s.account_id,
        userName: s.user_name,
        user: { id: s.user_id, email: s.email },
        reason: s.reason,
      }));
    },

    /**
     * Create a membership: a new SmartLink user from the account's data (through the inverse of the
     * mapping), given direct access to this application and linked to the account — one
     * transaction, and no second account: the link exists before any automation looks.
     */
    createMembership(appId: string, accountId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "account.createMembership", async (s) => {
        await assertAccountFree(appId, accountId);
        const account = await fresh(s, appId, accountId);
        const draft = userDraftFromAccount(account, await loadMapping(db, appId));
        if (!draft.email) {
          throw invalid(
            "provisioning.account_without_email",
            `The account "${account.userName}" has no email address, which a SmartLink user needs: create the user by hand, then associate it`,
          );
        }
        const email = draft.email;
        try {
          return await directory.transaction(async (tx, trx) => {
            await assertAccountFree(appId, accountId, trx);
            const user = await tx.users.create({
              email,
              firstName: draft.firstName,
              lastName: draft.lastName,
              displayName: draft.displayName,
              active: draft.active,
              attributes: draft.attributes,
            });
            await tx.applications.assignUser(appId, user.id);
            await insertAccountLink(trx, {
              appId,
              userId: user.id,
              accountId,
              sent: null,
              hash: null,
              now: isoNow(clock),
            });
            return { user, accountId };
          });
        } catch (err) {
          if (err instanceof DomainError && err.code === "user.email_taken") {
            const existing = await db
              .selectFrom("users")
              .select("id")
              .where("email_normalized", "=", email.trim().toLowerCase())
              .executeTakeFirst();
            throw conflict(
              "provisioning.user_exists",
              `A SmartLink user with the email ${email} already exists: use "Associate a membership" instead`,
              { userId: existing?.id ?? null },
            );
          }
          if (isUniqueViolation(err)) await assertAccountFree(appId, accountId);
          throw err;
        }
      });
    },

    /**
     * Associate a membership: links an existing user to the account. Refused when either side is
     * already linked in this application. A user without access to the application gets direct
     * access (`accessGranted`), so the link is never to someone the application should not have.
     */
    associate(appId: string, accountId: string, userId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "account.associate", async (s) => {
        const user = await directory.users.get(userId);
        await assertAccountFree(appId, accountId);
        await fresh(s, appId, accountId);
        try {
          return await directory.transaction(async (tx, trx) => {
            // Re-checked under the directory lock: two admins associating at once serialize here.
            await assertAccountFree(appId, accountId, trx);
            const other = await linkByUser(trx, appId, userId);
            if (other) {
              throw conflict(
                "provisioning.user_linked",
                `${user.email} is already associated with another account (${other.account_id}) in ${s.appName}`,
                { accountId: other.account_id },
              );
            }
            await insertAccountLink(trx, {
              appId,
              userId,
              accountId,
              sent: null,
              hash: null,
              now: isoNow(clock),
            });
            const accessGranted = !(await tx.hasAccess(appId, userId));
            if (accessGranted) await tx.applications.assignUser(appId, userId);
            return { user, accountId, accessGranted };
          });
        } catch (err) {
          // The unique index is the last guard (another process linked it between check and insert).
          if (isUniqueViolation(err)) await assertAccountFree(appId, accountId);
          throw err;
        }
      });
    },

    /**
     * Accepts match suggestions in bulk (all of them, or the listed pairs that are still
     * suggested), in one transaction. Pairs no longer suggested are reported as skipped.
     */
    async associateSuggested(appId: string, pairs: Array<{ accountId: string; userId: string }> | undefined) {
      await deps.clients.get(appId);
      return directory.transaction(async (tx, trx) => {
        const current = await findSuggestions(trx, appId);
        const wanted = pairs ? new Set(pairs.map((p) => `${p.accountId}\u0000${p.userId}`)) : undefined;
        const chosen = current.filter((s) => !wanted || wanted.has(`${s.account_id}\u0000${s.user_id}`));
        const now = isoNow(clock);
        let accessGranted = 0;
        for (const s of chosen) {
          await insertAccountLink(trx, {
            appId,
            userId: s.user_id,
            accountId: s.account_id,
            sent: null,
            hash: null,
            now,
          });
          if (!(await tx.hasAccess(appId, s.user_id))) {
            await tx.applications.assignUser(appId, s.user_id);
            accessGranted++;
          }
        }
        const done = new Set(chosen.map((s) => `${s.account_id}\u0000${s.user_id}`));
        const skipped = (pairs ?? []).filter((p) => !done.has(`${p.accountId}\u0000${p.userId}`));
        return { associated: chosen.length, accessGranted, skipped };
      });
    },

    /**
     * Delete: deletes the account in the target (a 404 counts as done) and removes the link. On a
     * target whose DELETE only deactivates (Slack-like), the snapshot keeps it as inactive.
     */
    deleteAccount(appId: string, accountId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "account.delete", async (s) => {
        try {
          await s.client.users.delete(accountId);
        } catch (err) {
          s.fail(err, "deleting the account");
        }
        const deactivatesOnly = s.client.capabilities().deleteDeactivatesOnly === true;
        const unlinked = await db.transaction().execute(async (trx) => {
          const link = await deleteAccountLink(trx, appId, accountId);
          if (deactivatesOnly) {
            await trx
              .updateTable("scim_accounts")
              .set({ active: 0 })
              .where("application_id", "=", appId)
              .where("id", "=", accountId)
              .execute();
          } else {
            await trx
              .deleteFrom("scim_accounts")
              .where("application_id", "=", appId)
              .where("id", "=", accountId)
              .execute();
          }
          return link?.user_id ?? null;
        });
        return { accountId, unlinkedUserId: unlinked, deactivatedOnly: deactivatesOnly };
      });
    },
  };
}
