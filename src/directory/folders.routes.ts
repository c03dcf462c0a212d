/**
 * /api/folders: CRUD, members and applications.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../app.js";
import { Application } from "./applications.schema.js";
import { errorResponses, IdParams, LinkResult, ListOf, NoContent, PageQuery } from "./common.schema.js";
import {
  CreateFolderBody,
  Folder,
  FolderAppParams,
  FolderMemberParams,
  UpdateFolderBody,
} from "./folders.schema.js";
import { User } from "./users.schema.js";

const tags = ["folders"];

/** Fastify plugin: the /folders routes (registered under /api by {@link directoryRoutes}). */
export const folderRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const folders = ctx.directory.folders;

  app.get(
    "/folders",
    {
      schema: {
        tags,
        summary: "List folders by name, with member and application counts",
        querystring: PageQuery,
        response: { 200: ListOf(Folder), ...errorResponses },
      },
    },
    async (req) => folders.list(req.query),
  );
  app.post(
    "/folders",
    {
      schema: {
        tags,
        summary: "Create a folder",
        body: CreateFolderBody,
        response: { 201: Folder, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await folders.create(req.body)),
  );
  app.get(
    "/folders/:id",
    {
      schema: {
        tags,
        summary: "Get a folder",
        params: IdParams,
        response: { 200: Folder, ...errorResponses },
      },
    },
    async (req) => folders.get(req.params.id),
  );
  app.patch(
    "/folders/:id",
    {
      schema: {
        tags,
        summary: "Rename or re-describe a folder (no access events)",
        params: IdParams,
        body: UpdateFolderBody,
        response: { 200: Folder, ...errorResponses },
      },
    },
    async (req) => folders.update(req.params.id, req.body),
  );
  app.delete(
    "/folders/:id",
    {
      schema: {
        tags,
        summary: "Delete a folder (userLosesAccess for members left without access)",
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await folders.delete(req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/folders/:id/members",
    {
      schema: {
        tags,
        summary: "A page of the folder's members, by email",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ListOf(User), ...errorResponses },
      },
    },
    async (req) => folders.members(req.params.id, req.query),
  );
  app.get(
    "/folders/:id/applications",
    {
      schema: {
        tags,
        summary: "The folder's applications, by name (all of them, as one page)",
        params: IdParams,
        response: { 200: ListOf(Application), ...errorResponses },
      },
    },
    async (req) => {
      const items = await folders.applications(req.params.id);
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  );

  app.put(
    "/folders/:id/members/:userId",
    {
      schema: {
        tags,
        summary: "Add a member (idempotent; userGainsAccess for the folder's apps they lacked)",
        params: FolderMemberParams,
        response: { 200: LinkResult, ...errorResponses },
      },
    },
    async (req) => folders.addMember(req.params.id, req.params.userId),
  );
  app.delete(
    "/folders/:id/members/:userId",
    {
      schema: {
        tags,
        summary: "Remove a member (idempotent; userLosesAccess where no other path remains)",
        params: FolderMemberParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await folders.removeMember(req.params.id, req.params.userId);
      return reply.code(204).send(null);
    },
  );
  app.put(
    "/folders/:id/applications/:appId",
    {
      schema: {
        tags,
        summary: "Put an application in the folder (idempotent; userGainsAccess for members)",
        params: FolderAppParams,
        response: { 200: LinkResult, ...errorResponses },
      },
    },
    async (req) => folders.addApplication(req.params.id, req.params.appId),
  );
  app.delete(
    "/folders/:id/applications/:appId",
    {
      schema: {
        tags,
        summary: "Take an application out of the folder (idempotent; userLosesAccess where no other path)",
        params: FolderAppParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await folders.removeApplication(req.params.id, req.params.appId);
      return reply.code(204).send(null);
    },
  );
};
