/**
 * /api/applications: CRUD, direct assignments and the access list.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.js";
import {
  AccessRow,
  Application,
  AppUserParams,
  CreateApplicationBody,
  UpdateApplicationBody,
} from "./applications.schema.js";
import {
  CursorPageQuery,
  errorResponses,
  IdParams,
  LinkResult,
  ListOf,
  NoContent,
  PageQuery,
} from "./common.schema.js";

const tags = ["applications"];

/** Fastify plugin: the /applications routes (registered under /api by {@link directoryRoutes}). */
export const applicationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const apps = ctx.directory.applications;

  app.get(
    "/applications",
    {
      schema: {
        tags,
        summary: "List applications by name",
        querystring: PageQuery,
        response: { 200: ListOf(Application), ...errorResponses },
      },
    },
    async (req) => apps.list(req.query),
  );
  app.post(
    "/applications",
    {
      schema: {
        tags,
        summary: "Register an application",
        body: CreateApplicationBody,
        response: { 201: Application, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await apps.create(req.body)),
  );
  app.get(
    "/applications/:id",
    {
      schema: {
        tags,
        summary: "Get an application",
        params: IdParams,
        response: { 200: Application, ...errorResponses },
      },
    },
    async (req) => apps.get(req.params.id),
  );
  app.patch(
    "/applications/:id",
    {
      schema: {
        tags,
        summary: "Update an application's name, URL or icon",
        params: IdParams,
        body: UpdateApplicationBody,
        response: { 200: Application, ...errorResponses },
      },
    },
    async (req) => apps.update(req.params.id, req.body),
  );
  app.delete(
    "/applications/:id",
    {
      schema: {
        tags,
        summary: "Delete an application (userLosesAccess for everyone with access)",
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await apps.delete(req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/applications/:id/users/:userId",
    {
      schema: {
        tags,
        summary: "Assign the application to a user directly (idempotent)",
        params: AppUserParams,
        response: { 200: LinkResult, ...errorResponses },
      },
    },
    async (req) => apps.assignUser(req.params.id, req.params.userId),
  );
  app.delete(
    "/applications/:id/users/:userId",
    {
      schema: {
        tags,
        summary: "Remove a direct assignment (idempotent; folders may still give access)",
        params: AppUserParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await apps.unassignUser(req.params.id, req.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/applications/:id/access",
    {
      schema: {
        tags,
        summary: "Users with access to the application, with every path (direct, folders)",
        params: IdParams,
        querystring: CursorPageQuery,
        response: { 200: ListOf(AccessRow).extend({ nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => apps.accessList(req.params.id, req.query),
  );
};
