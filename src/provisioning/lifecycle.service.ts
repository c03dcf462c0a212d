/**
 * Account lifecycle actions for a user's linked account: deactivate / reactivate (`active`, RFC
 * 7643 §4.1.1, through PATCH or the GET + PUT fallback), and update (only the attributes that
 * changed since what was last sent; nothing at all when nothing changed). These and the tab actions
 * are the only code that talks to targets: the automation runs them, it does not reimplement them.
 */
import { isoNow } from "../clock.js";
import { DomainError } from "../errors.js";
import { isScimError } from "../scim/index.js";
import type { Actor } from "./activity.js";
import { type ProvisioningDeps, withTarget } from "./deps.js";
import { linkByUser } from "./links.queries.js";
import { buildScimUser, diffToPatch, hashSent } from "./mapping/index.js";
import { loadMapping } from "./mapping.service.js";
import { accountRow, markOneVanished, upsertAccounts } from "./snapshot.queries.js";

export type LifecycleOutcome = "deactivated" | "reactivated" | "updated" | "unchanged" | "noAccount";

export function createLifecycle(deps: ProvisioningDeps) {
  const { db, dialect, clock, directory } = deps;

  /** A 404 on the linked account: the link points nowhere, so it is removed and the error says so. */
  async function gone(appId: string, accountId: string, appName: string): Promise<never> {
    await db
      .deleteFrom("account_links")
      .where("application_id", "=", appId)
      .where("account_id", "=", accountId)
      .execute();
    await markOneVanished(db, "scim_accounts", appId, accountId, isoNow(clock));
    throw new DomainError(
      "not_found",
      "account.gone",
      `The linked account no longer exists in ${appName}; the link was removed`,
      {
        accountId,
      },
    );
  }

  return {
    /** Sets the linked account's `active`. `noAccount` when the user has no linked account. */
    setActive(appId: string, userId: string, active: boolean, actor: Actor) {
      return withTarget(
        deps,
        appId,
        actor,
        active ? "account.reactivate" : "account.deactivate",
        async (s) => {
          const link = await linkByUser(db, appId, userId);
          if (!link) return { outcome: "noAccount" as LifecycleOutcome, accountId: null };
          try {
            const updated = await s.client.users.modify(link.account_id, [
              { op: "replace", path: "active", value: active },
            ]);
            if (updated) await upsertAccounts(db, dialect, [accountRow(appId, updated, null, isoNow(clock))]);
            else {
              await db
                .updateTable("scim_accounts")
                .set({ active: active ? 1 : 0, seen_at: isoNow(clock) })
                .where("application_id", "=", appId)
                .where("id", "=", link.account_id)
                .execute();
            }
          } catch (err) {
            if (isScimError(err, "notFound")) return gone(appId, link.account_id, s.appName);
            return s.fail(err, `${active ? "reactivating" : "deactivating"} the account`);
          }
          return {
            outcome: (active ? "reactivated" : "deactivated") as LifecycleOutcome,
            accountId: link.account_id,
          };
        },
      );
    },

    /**
     * Sends the user's current attributes through the mapping: PATCH `replace` of what changed
     * since the last send (the whole mapped resource when nothing was recorded), then records it.
     */
    update(appId: string, userId: string, actor: Actor) {
      return withTarget(deps, appId, actor, "account.update", async (s) => {
        const link = await linkByUser(db, appId, userId);
        if (!link) return { outcome: "noAccount" as LifecycleOutcome, accountId: null, operations: 0 };
        const user = await directory.users.get(userId);
        const next = buildScimUser(await loadMapping(db, appId), user);
        const hash = hashSent(next);
        if (link.last_sent_hash === hash) {
          return { outcome: "unchanged" as LifecycleOutcome, accountId: link.account_id, operations: 0 };
        }
        const previous = link.last_sent ? (JSON.parse(link.last_sent) as object) : undefined;
        const ops = diffToPatch(previous, next);
        if (ops.length > 0) {
          try {
            const updated = await s.client.users.modify(link.account_id, ops);
            if (updated) await upsertAccounts(db, dialect, [accountRow(appId, updated, null, isoNow(clock))]);
          } catch (err) {
            if (isScimError(err, "notFound")) return gone(appId, link.account_id, s.appName);
            return s.fail(err, `updating the account of ${user.email}`);
          }
        }
        await db
          .updateTable("account_links")
          .set({ last_sent: JSON.stringify(next), last_sent_hash: hash, updated_at: isoNow(clock) })
          .where("application_id", "=", appId)
          .where("user_id", "=", userId)
          .execute();
        return {
          outcome: (ops.length > 0 ? "updated" : "unchanged") as LifecycleOutcome,
          accountId: link.account_id,
          operations: ops.length,
        };
      });
    },
  };
}
