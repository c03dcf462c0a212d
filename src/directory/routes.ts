/**
 * The directory's HTTP API, registered by src/http/server.ts under /api (authenticated there).
 */
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../app.js";
import { applicationRoutes } from "./applications.routes.js";
import { folderRoutes } from "./folders.routes.js";
import { userRoutes } from "./users.routes.js";

/** /users, /folders, /applications (DESIGN.md § HTTP API). */
export const directoryRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, opts) => {
  await app.register(userRoutes, opts);
  await app.register(folderRoutes, opts);
  await app.register(applicationRoutes, opts);
};
