/**
 * /api/applications/:id/provisioning/… — the Accounts, Access, Groups and Folders tabs over HTTP
 * (DESIGN.md § HTTP API); Configuration, Schema and Activity are in ./configuration.routes.ts.
 * Every route here answers 409 `provisioning.not_connected` until a connection works.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.js";
import {
  CursorPageQuery,
  ErrorBody,
  errorResponses,
  FolderSchema,
  ListOf,
  PageQuerySchema,
  UserSchema,
} from "../directory/index.js";
import type { Actor } from "./activity.js";
import {
  AccessRow,
  AccountParams,
  AccountRow,
  AccountsQuery,
  AppParams,
  AssociateBody,
  AssociateFolderBody,
  AssociateSuggestedBody,
  FolderParams,
  FolderRow,
  GroupParams,
  GroupRow,
  GroupsQuery,
  JobAccepted,
  SnapshotPage,
  Suggestion,
  UserParams,
} from "./provisioning.schema.js";

const tags = ["provisioning"];
const errors = { ...errorResponses, 502: ErrorBody };

/** The admin (or API token) behind a request, as the Activity log names it. */
export function actorOf(req: FastifyRequest): Actor {
  const a = req.admin;
  return { type: "admin", id: a?.id ?? null, label: a?.email ?? a?.name ?? null };
}

export const provisioningRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const p = ctx.provisioning;
  const at = (path: string) => `/applications/:id/provisioning${path}`;

  // Accounts
  app.get(
    at("/accounts"),
    {
      schema: {
        tags,
        summary: "Accounts in the target (snapshot), with links and suggestions",
        params: AppParams,
        querystring: AccountsQuery,
        response: { 200: SnapshotPage(AccountRow), ...errors },
      },
    },
    async (req) => p.accounts.list(req.params.id, req.query),
  );
  app.post(
    at("/accounts/refresh"),
    {
      schema: {
        tags,
        summary: "Refresh the accounts snapshot (background job)",
        params: AppParams,
        response: { 202: JobAccepted, ...errors },
      },
    },
    async (req, reply) => {
      const { job, started } = await p.snapshots.refreshAccounts(req.params.id, actorOf(req));
      return reply.code(202).send({ jobId: job.id, started });
    },
  );
  app.get(
    at("/accounts/suggestions"),
    {
      schema: {
        tags,
        summary: "Unlinked accounts that match a SmartLink user",
        params: AppParams,
        response: { 200: z.object({ items: z.array(Suggestion) }), ...errors },
      },
    },
    async (req) => ({ items: await p.accounts.suggestions(req.params.id) }),
  );
  app.post(
    at("/accounts/associate-suggested"),
    {
      schema: {
        tags,
        summary: "Accept match suggestions in bulk",
        params: AppParams,
        body: AssociateSuggestedBody,
        response: {
          200: z.object({
            associated: z.number().int(),
            accessGranted: z.number().int(),
            skipped: z.array(z.object({ accountId: z.string(), userId: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => p.accounts.associateSuggested(req.params.id, req.body.pairs),
  );
  app.post(
    at("/accounts/:accountId/create-membership"),
    {
      schema: {
        tags,
        summary: "Create a membership: a new SmartLink user from the account, with access, linked",
        params: AccountParams,
        response: { 201: z.object({ user: UserSchema, accountId: z.string() }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await p.accounts.createMembership(req.params.id, req.params.accountId, actorOf(req))),
  );
  app.post(
    at("/accounts/:accountId/associate"),
    {
      schema: {
        tags,
        summary: "Associate a membership: link an existing SmartLink user to the account",
        params: AccountParams,
        body: AssociateBody,
        response: {
          200: z.object({ user: UserSchema, accountId: z.string(), accessGranted: z.boolean() }),
          ...errors,
        },
      },
    },
    async (req) => p.accounts.associate(req.params.id, req.params.accountId, req.body.userId, actorOf(req)),
  );
  app.delete(
    at("/accounts/:accountId"),
    {
      schema: {
        tags,
        summary: "Delete the account in the target and unlink it (already gone counts as done)",
        params: AccountParams,
        response: {
          200: z.object({
            accountId: z.string(),
            unlinkedUserId: z.string().nullable(),
            deactivatedOnly: z.boolean(),
          }),
          ...errors,
        },
      },
    },
    async (req) => p.accounts.deleteAccount(req.params.id, req.params.accountId, actorOf(req)),
  );

  // Access
  app.get(
    at("/access"),
    {
      schema: {
        tags,
        summary: "Users with access, how, and whether they are present in the target",
        description: "Pass `after` = the previous page's `nextCursor` for the next page at any depth.",
        params: AppParams,
        querystring: CursorPageQuery,
        response: { 200: ListOf(AccessRow).extend({ nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (req) => p.access.list(req.params.id, req.query),
  );
  app.post(
    at("/access/:userId/create-account"),
    {
      schema: {
        tags,
        summary: "Create an account in the target for this user (links the existing one on 409)",
        params: UserParams,
        response: {
          200: z.object({
            outcome: z.enum(["created", "linkedExisting", "alreadyLinked"]),
            accountId: z.string(),
            user: UserSchema,
          }),
          ...errors,
        },
      },
    },
    async (req) => p.access.createAccount(req.params.id, req.params.userId, actorOf(req)),
  );

  // Groups
  app.get(
    at("/groups"),
    {
      schema: {
        tags,
        summary: "Groups in the target (snapshot), with the linked folder",
        params: AppParams,
        querystring: GroupsQuery,
        response: { 200: SnapshotPage(GroupRow), ...errors },
      },
    },
    async (req) => p.groups.list(req.params.id, req.query),
  );
  app.post(
    at("/groups/refresh"),
    {
      schema: {
        tags,
        summary: "Refresh the groups snapshot (background job)",
        params: AppParams,
        response: { 202: JobAccepted, ...errors },
      },
    },
    async (req, reply) => {
      const { job, started } = await p.snapshots.refreshGroups(req.params.id, actorOf(req));
      return reply.code(202).send({ jobId: job.id, started });
    },
  );
  app.post(
    at("/groups/:groupId/create-folder"),
    {
      schema: {
        tags,
        summary: "Create a folder from the group (with this application and the linked members)",
        params: GroupParams,
        response: {
          201: z.object({
            folder: FolderSchema,
            groupId: z.string(),
            members: z.number().int(),
            unmatched: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await p.groups.createFolder(req.params.id, req.params.groupId, actorOf(req))),
  );
  app.post(
    at("/groups/:groupId/associate"),
    {
      schema: {
        tags,
        summary: "Associate an existing folder with the group",
        params: GroupParams,
        body: AssociateFolderBody,
        response: {
          200: z.object({ folder: FolderSchema, groupId: z.string(), applicationAdded: z.boolean() }),
          ...errors,
        },
      },
    },
    async (req) =>
      p.groups.associateFolder(req.params.id, req.params.groupId, req.body.folderId, actorOf(req)),
  );
  app.delete(
    at("/groups/:groupId"),
    {
      schema: {
        tags,
        summary: "Delete the group in the target and unlink its folder",
        params: GroupParams,
        response: {
          200: z.object({ groupId: z.string(), unlinkedFolderId: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => p.groups.deleteGroup(req.params.id, req.params.groupId, actorOf(req)),
  );

  // Folders
  app.get(
    at("/folders"),
    {
      schema: {
        tags,
        summary: "Folders containing the application, and whether a group exists for each",
        params: AppParams,
        querystring: PageQuerySchema,
        response: { 200: ListOf(FolderRow), ...errors },
      },
    },
    async (req) => p.folders.list(req.params.id, req.query),
  );
  app.post(
    at("/folders/:folderId/create-group"),
    {
      schema: {
        tags,
        summary: "Create a group in the target for the folder (members: those with linked accounts)",
        params: FolderParams,
        response: {
          201: z.object({
            outcome: z.enum(["created", "linkedExisting"]),
            groupId: z.string(),
            members: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await p.folders.createGroup(req.params.id, req.params.folderId, actorOf(req))),
  );
  app.post(
    at("/folders/:folderId/sync-members"),
    {
      schema: {
        tags,
        summary: "Bring the linked group's members in step with the folder's",
        params: FolderParams,
        response: {
          200: z.object({
            groupId: z.string(),
            added: z.number().int(),
            removed: z.number().int(),
            members: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => p.folders.syncMembers(req.params.id, req.params.folderId, actorOf(req)),
  );
};
