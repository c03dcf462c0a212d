/**
 * /api/users: list, create, read, update, deactivate, reactivate, delete.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../app.js";
import { errorResponses, IdParams, ListOf, NoContent } from "./common.schema.js";
import { CreateUserBody, UpdateUserBody, User, UserListQuery } from "./users.schema.js";

const tags = ["users"];

/** Fastify plugin: the /users routes (registered under /api by {@link directoryRoutes}). */
export const userRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const users = ctx.directory.users;

  app.get(
    "/users",
    {
      schema: {
        tags,
        summary: "List users by email; search matches email and names",
        querystring: UserListQuery,
        response: { 200: ListOf(User), ...errorResponses },
      },
    },
    async (req) => users.list(req.query),
  );

  app.post(
    "/users",
    {
      schema: {
        tags,
        summary: "Create a user (email unique, case-insensitively)",
        body: CreateUserBody,
        response: { 201: User, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await users.create(req.body)),
  );

  app.get(
    "/users/:id",
    { schema: { tags, summary: "Get a user", params: IdParams, response: { 200: User, ...errorResponses } } },
    async (req) => users.get(req.params.id),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Update a user's metadata (emits userUpdated per accessible application)",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses },
      },
    },
    async (req) => users.update(req.params.id, req.body),
  );

  app.delete(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Delete a user (emits userLosesAccess per accessible application)",
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await users.delete(req.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const action of ["deactivate", "reactivate"] as const) {
    app.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action === "deactivate" ? "Deactivate" : "Reactivate"} a user (idempotent)`,
          params: IdParams,
          response: { 200: User, ...errorResponses },
        },
      },
      async (req) => users[action](req.params.id),
    );
  }
};
