/**
 * /api/applications/:id/provisioning/… — the Configuration and Schema tabs (connection, schema,
 * mapping) and the Activity log over HTTP. The other tabs are in ./provisioning.routes.ts.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.js";
import { ErrorBody, errorResponses, ListOf, NoContent } from "../directory/index.js";
import { actorOf } from "./provisioning.routes.js";
import {
  ActivityEntry,
  ActivityQuery,
  AppParams,
  ConnectBody,
  ConnectionView,
  MappingBody,
  MappingView,
  SchemaView,
} from "./provisioning.schema.js";

const tags = ["provisioning"];
const errors = { ...errorResponses, 502: ErrorBody };

/** The Activity tab's filters, on top of status/operation/paging. */
const ActivityFilters = ActivityQuery.extend({
  actor: z.enum(["admin", "event", "system"]).optional().describe("Who caused the call"),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
  since: z.iso.datetime().optional().describe("Only entries at or after this instant"),
  until: z.iso.datetime().optional().describe("Only entries before this instant"),
});
const ActivityStatsQuery = z.strictObject({
  hours: z.coerce.number().int().min(1).max(720).default(24),
  buckets: z.coerce.number().int().min(1).max(96).default(24),
});
const ActivityBucket = z.object({
  start: z.string(),
  end: z.string(),
  total: z.number().int(),
  failed: z.number().int().describe("Errors and non-2xx answers"),
});
const ActivityStats = z.object({
  from: z.string(),
  to: z.string(),
  bucketMinutes: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
  buckets: z.array(ActivityBucket),
});

export const configurationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const p = ctx.provisioning;
  const at = (path: string) => `/applications/:id/provisioning${path}`;

  // Configuration
  app.get(
    at("/connection"),
    {
      schema: {
        tags,
        summary: "The SCIM connection (never the token)",
        params: AppParams,
        response: { 200: ConnectionView, ...errors },
      },
    },
    async (req) => p.connection.view(req.params.id),
  );
  app.put(
    at("/connection"),
    {
      schema: {
        tags,
        summary: "Test and save the SCIM connection: discovery, capability probe, schema",
        description:
          "Nothing is saved when the test fails; the error code (connection.unreachable, connection.tls, connection.unauthorized, connection.forbidden, connection.not_scim, connection.timeout…) and message say what to fix.",
        params: AppParams,
        body: ConnectBody,
        response: { 200: ConnectionView, ...errors },
      },
    },
    async (req) => p.connection.connect(req.params.id, req.body, actorOf(req)),
  );
  app.delete(
    at("/connection"),
    {
      schema: {
        tags,
        summary: "Disconnect (links and snapshot are kept)",
        params: AppParams,
        response: { 204: NoContent, ...errors },
      },
    },
    async (req, reply) => {
      await p.connection.disconnect(req.params.id);
      return reply.code(204).send(null);
    },
  );

  // Schema and mapping
  app.get(
    at("/schema"),
    {
      schema: {
        tags,
        summary: "The schema the target returned, capabilities and fetch history",
        params: AppParams,
        response: { 200: SchemaView, ...errors },
      },
    },
    async (req) => p.schema.get(req.params.id),
  );
  app.post(
    at("/schema/refresh"),
    {
      schema: {
        tags,
        summary: "Fetch the schema again",
        params: AppParams,
        response: { 200: SchemaView, ...errors },
      },
    },
    async (req) => p.schema.refresh(req.params.id, actorOf(req)),
  );
  app.get(
    at("/mapping"),
    {
      schema: {
        tags,
        summary: "The attribute mapping (SmartLink → SCIM)",
        params: AppParams,
        response: { 200: MappingView, ...errors },
      },
    },
    async (req) => p.mapping.get(req.params.id),
  );
  app.put(
    at("/mapping"),
    {
      schema: {
        tags,
        summary: "Replace the attribute mapping, validated against the target's schema",
        params: AppParams,
        body: MappingBody,
        response: { 200: MappingView, ...errors },
      },
    },
    async (req) => p.mapping.put(req.params.id, req.body.user),
  );

  // Activity
  app.get(
    at("/activity"),
    {
      schema: {
        tags,
        summary: "Every SCIM operation of this application, newest first",
        params: AppParams,
        querystring: ActivityFilters,
        response: { 200: ListOf(ActivityEntry), ...errors },
      },
    },
    async (req) => {
      await ctx.directory.applications.get(req.params.id);
      return p.activity.list(req.params.id, req.query);
    },
  );
  app.get(
    at("/activity/stats"),
    {
      schema: {
        tags,
        summary: "SCIM operations and failures over time (the Activity tab's chart)",
        description:
          "The last `hours` cut in `buckets` equal, epoch-aligned buckets, oldest first; the last holds now.",
        params: AppParams,
        querystring: ActivityStatsQuery,
        response: { 200: ActivityStats, ...errors },
      },
    },
    async (req) => {
      await ctx.directory.applications.get(req.params.id);
      return p.activity.stats(req.params.id, req.query);
    },
  );
};
