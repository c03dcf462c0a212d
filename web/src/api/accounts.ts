/**
 * `/api/applications/:id/provisioning/accounts…` (DESIGN.md § HTTP API): the Accounts sub-tab's
 * snapshot of the target's accounts, its refresh job, match suggestions and the row actions
 * (Create a membership, Associate a membership, Delete). Shapes mirror `AccountRow`, `Suggestion`,
 * `AccountsQuery` and the route responses in src/provisioning/provisioning.schema.ts and
 * src/provisioning/provisioning.routes.ts. Every query key sits under `provisioningKey(appId)` and
 * every write invalidates it, so the other sub-tabs (Access, Folders…) refresh too.
 */
import { type QueryKey, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { provisioningKey } from "./provisioning";
import { useInvalidatingMutation, usePageQuery } from "./resource";
import type { ListParams, Page, User } from "./types";

/** Why an unlinked account matches a SmartLink user (mirrors `Reason`). */
export type MatchReason = "userName" | "email" | "externalId";

/** The SmartLink user an account is linked to (mirrors `LinkedUser`). */
export interface LinkedUser {
  id: string;
  email: string | null;
  displayName: string | null;
}

/** One row of the snapshot (mirrors `AccountRow`). */
export interface Account {
  id: string;
  userName: string;
  displayName: string | null;
  /** SCIM multi-valued `emails` as the target sent them (RFC 7643 §4.1.2). */
  emails: unknown[];
  active: boolean;
  externalId: string | null;
  /** When SmartLink last read this account from the target. */
  seenAt: string;
  /** Set when the last complete refresh did not find it any more. */
  vanishedAt: string | null;
  linkedUser: LinkedUser | null;
  suggestedUser: { id: string; email: string; reason: MatchReason } | null;
}

/** `?filter=` of the list (mirrors `AccountsQuery`). */
export type AccountFilter = "all" | "linked" | "unlinked" | "vanished";

export interface AccountsParams extends ListParams {
  filter: AccountFilter;
}

/** An unlinked account that matches a SmartLink user (mirrors `Suggestion`). */
export interface Suggestion {
  accountId: string;
  userName: string;
  user: { id: string; email: string };
  reason: MatchReason;
}

export interface SuggestionPair {
  accountId: string;
  userId: string;
}

/** `POST …/accounts/associate-suggested` answer. */
export interface AssociateSuggestedResult {
  associated: number;
  accessGranted: number;
  skipped: SuggestionPair[];
}

/** `POST …/accounts/:accountId/associate` answer. */
export interface AssociateResult {
  user: User;
  accountId: string;
  accessGranted: boolean;
}

/** `DELETE …/accounts/:accountId` answer. */
export interface DeleteAccountResult {
  accountId: string;
  unlinkedUserId: string | null;
  /** The target only deactivates on DELETE (Slack-like): the account stays, inactive. */
  deactivatedOnly: boolean;
}

const accountsKey = (appId: string) => [...provisioningKey(appId), "accounts"] as const;
const path = (appId: string, rest = "") => `/applications/${appId}/provisioning/accounts${rest}`;
const accountPath = (appId: string, accountId: string, rest = "") =>
  path(appId, `/${encodeURIComponent(accountId)}${rest}`);

/** A page of the snapshot (mirrors `SnapshotPage(AccountRow)`). */
export interface AccountsPage extends Page<Account> {
  /** When the accounts were last read completely from the target; null: never. */
  readAt: string | null;
}

/** One page of the snapshot; the previous page stays on screen while the next loads. */
export const useAccounts = (appId: string, params: AccountsParams) =>
  usePageQuery<Account, AccountsPage>([...accountsKey(appId), "list"], path(appId), params);

/** Every current match suggestion. */
export const useSuggestions = (appId: string) =>
  useQuery({
    queryKey: [...accountsKey(appId), "suggestions"],
    queryFn: () => api<{ items: Suggestion[] }>("GET", path(appId, "/suggestions")),
  });

/**
 * A row action. It refreshes the caches after a failure too: a refused action may have taught the
 * server something (an account found gone is marked so).
 */
const useAccountAction = <A, R>(appId: string, also: readonly QueryKey[], fn: (arg: A) => Promise<R>) =>
  useInvalidatingMutation([provisioningKey(appId), ...also], fn, { refreshOnError: true });

/** Create a membership: a new SmartLink user from the account, with access, linked to it. */
export const useCreateMembership = (appId: string) =>
  useAccountAction(appId, [["users"], ["applications"]], (accountId: string) =>
    api<{ user: User; accountId: string }>("POST", accountPath(appId, accountId, "/create-membership")),
  );

/** Associate a membership: links an existing SmartLink user to the account. */
export const useAssociateAccount = (appId: string) =>
  useAccountAction(appId, [["applications"]], ({ accountId, userId }: SuggestionPair) =>
    api<AssociateResult>("POST", accountPath(appId, accountId, "/associate"), { body: { userId } }),
  );

/** Accepts the listed suggestions, or every current one when `pairs` is left out. */
export const useAssociateSuggested = (appId: string) =>
  useAccountAction(appId, [["applications"]], (pairs?: SuggestionPair[]) =>
    api<AssociateSuggestedResult>("POST", path(appId, "/associate-suggested"), {
      body: pairs ? { pairs } : {},
    }),
  );

/** Deletes the account in the target and unlinks it. */
export const useDeleteAccount = (appId: string) =>
  useAccountAction(appId, [], (accountId: string) =>
    api<DeleteAccountResult>("DELETE", accountPath(appId, accountId)),
  );

/** The account's primary email (or its first one), from SCIM's multi-valued `emails`. */
export function accountEmail(account: Account): string | null {
  const values = account.emails.filter(
    (e): e is { value: string; primary?: boolean } =>
      typeof e === "object" && e !== null && typeof (e as { value?: unknown }).value === "string",
  );
  return (values.find((e) => e.primary) ?? values[0])?.value ?? null;
}

/** "Ada Lovelace (ada@example.test)", or whichever of the two is known. */
export function linkedUserLabel(user: LinkedUser): string {
  if (user.displayName && user.email) return `${user.displayName} (${user.email})`;
  return user.displayName ?? user.email ?? user.id;
}

/** How a match reason reads in a sentence: "same email". */
export const reasonText: Record<MatchReason, string> = {
  userName: "same userName",
  email: "same email",
  externalId: "same externalId",
};
