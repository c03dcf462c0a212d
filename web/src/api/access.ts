/**
 * `/api/applications/:id/provisioning/access` (DESIGN.md § HTTP API): the users with access to an
 * application, how they have it and whether an account exists for them in the target, and
 * "Create an account". Shapes mirror `AccessRow` and the create-account response in
 * src/provisioning/provisioning.schema.ts / provisioning.routes.ts; paging mirrors
 * `CursorPageQuery` in src/directory/common.schema.ts.
 */
import { api } from "./client";
import { provisioningKey } from "./provisioning";
import { useInvalidatingMutation, usePageQuery } from "./resource";
import type { AccessVia, Page, User } from "./types";

/** How a row is present in the target: linked account, unlinked look-alike, gone, or none. */
export type Presence = "linked" | "matched" | "vanished" | "absent";

export interface ProvisioningAccessRow {
  user: User;
  via: AccessVia[];
  /** True when `presence` is "linked" or "matched". */
  presentInApp: boolean;
  presence: Presence;
  accountId: string | null;
  /** The linked (or matching) account's userName. */
  accountUserName: string | null;
  accountActive: boolean | null;
}

/** One page of access rows; `nextCursor` is null on the last page. */
export interface AccessPage extends Page<ProvisioningAccessRow> {
  nextCursor: string | null;
}

/** `?search=&pageSize=&after=`: `after` is the previous page's `nextCursor` (undefined: first page). */
export interface AccessParams {
  search: string;
  pageSize: number;
  after: string | undefined;
}

/** What "Create an account" did: created one, linked the one the target already had, or nothing. */
export interface CreateAccountResult {
  outcome: "created" | "linkedExisting" | "alreadyLinked";
  accountId: string;
  user: User;
}

const accessPath = (appId: string) => `/applications/${appId}/provisioning/access`;

/** One page of the Access list; the previous page stays on screen while the next one loads. */
export const useAccessPage = (appId: string, params: AccessParams) =>
  usePageQuery<ProvisioningAccessRow, AccessPage>(
    [...provisioningKey(appId), "access"],
    accessPath(appId),
    params,
  );

/** `POST …/access/:userId/create-account`; every provisioning sub-tab refreshes after it. */
export const useCreateAccount = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], (userId: string) =>
    api<CreateAccountResult>("POST", `${accessPath(appId)}/${userId}/create-account`),
  );
