import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { resourceTypes, schemas, serviceProviderConfig } from "./discovery.js";
import { notFound, ScimHttpError } from "./errors.js";
import { listResources, parseListQuery } from "./list.js";
import { project } from "./projection.js";
import { SEARCH_SCHEMA, searchRequest } from "./schemas.js";
import type { TargetState } from "./state.js";
import type { ScimMeta } from "./types.js";

type Kind = "User" | "Group";
type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>;

/** RFC 7644 §3.14: If-Match with the resource's weak ETag; `*` always matches. 412 otherwise. */
function checkIfMatch(req: FastifyRequest, meta: ScimMeta): void {
  const h = req.headers["if-match"];
  if (!h) return;
  const tags = h.split(",").map((t) => t.trim().replace(/^W\//, ""));
  const current = meta.version.replace(/^W\//, "");
  if (!tags.includes("*") && !tags.includes(current)) {
    throw new ScimHttpError(412, `resource version is ${meta.version}`);
  }
}

function sendResource(reply: FastifyReply, r: { meta: ScimMeta }, status = 200, body: unknown = r) {
  reply.code(status).header("etag", r.meta.version);
  if (status === 201) reply.header("location", r.meta.location);
  return body;
}

/** Registers /Users or /Groups (CRUD, list, /.search) under the SCIM root. */
export function registerResource(app: FastifyInstance, state: TargetState, kind: Kind): void {
  const b = state.b;
  const base = kind === "User" ? "/Users" : "/Groups";
  const uniqueAttr = kind === "User" ? "username" : "displayname";
  const col = state.col(kind);
  // AWS: GET /Groups never returns members (they are only reachable through filters/PATCH).
  const forced = kind === "Group" && b.listGroupsWithoutMembers ? ["members"] : [];

  app.get(base, async (req: Req) => listResources(col, parseListQuery(req.query), b, uniqueAttr, forced));

  app.post(`${base}/.search`, async (req) => {
    if (!b.search) throw notFound(`${base}/.search is not supported`);
    const parsed = searchRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw new ScimHttpError(400, parsed.error.issues[0]?.message ?? "invalid", "invalidSyntax");
    }
    if (b.strictSchemas && !parsed.data.schemas?.includes(SEARCH_SCHEMA)) {
      throw new ScimHttpError(400, `schemas must be ["${SEARCH_SCHEMA}"]`, "invalidSyntax");
    }
    return listResources(col, parsed.data, b, uniqueAttr, forced);
  });

  app.get(`${base}/:id`, async (req: Req, reply) => {
    const r = col.must(req.params.id);
    const q = parseListQuery(req.query);
    return sendResource(reply, r, 200, project(r, q.attributes, q.excludedAttributes));
  });

  app.post(base, async (req, reply) => sendResource(reply, state.create(kind, req.body), 201));

  app.put(`${base}/:id`, async (req: Req, reply) => {
    if (!b.put) {
      reply.header("allow", "GET, PATCH, DELETE");
      throw new ScimHttpError(405, "PUT is not supported; use PATCH");
    }
    checkIfMatch(req, col.must(req.params.id).meta);
    return sendResource(reply, state.replace(kind, req.params.id, req.body));
  });

  app.patch(`${base}/:id`, async (req: Req, reply) => {
    if (!b.patch) throw new ScimHttpError(501, "PATCH is not supported; use PUT");
    checkIfMatch(req, col.must(req.params.id).meta);
    return sendResource(reply, state.patch(kind, req.params.id, req.body));
  });

  app.delete(`${base}/:id`, async (req: Req, reply) => {
    checkIfMatch(req, col.must(req.params.id).meta);
    state.delete(kind, req.params.id);
    return reply.code(204).send();
  });
}

/** /ServiceProviderConfig, /Schemas, /ResourceTypes (RFC 7644 §4); 404 in the no-discovery profile. */
export function registerDiscovery(
  app: FastifyInstance,
  state: TargetState,
  url: () => string,
  authSchemes: () => Record<string, unknown>[],
): void {
  const list = (items: Record<string, unknown>[]) => ({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults: items.length,
    startIndex: 1,
    itemsPerPage: items.length,
    Resources: items,
  });
  const one = (items: Record<string, unknown>[], id: string) => {
    const found = items.find((s) => s.id === id);
    if (!found) throw notFound(`${id} not found`);
    return found;
  };
  const guarded =
    <T>(fn: (req: Req) => T) =>
    async (req: Req) => {
      if (!state.b.discovery) throw notFound("discovery endpoints are not available");
      return fn(req);
    };
  app.get(
    "/ServiceProviderConfig",
    guarded(() => serviceProviderConfig(url(), state.b, authSchemes())),
  );
  app.get(
    "/Schemas",
    guarded(() => list(schemas(url()))),
  );
  app.get(
    "/Schemas/:id",
    guarded((req) => one(schemas(url()), req.params.id)),
  );
  app.get(
    "/ResourceTypes",
    guarded(() => list(resourceTypes(url()))),
  );
  app.get(
    "/ResourceTypes/:id",
    guarded((req) => one(resourceTypes(url()), req.params.id)),
  );
}
