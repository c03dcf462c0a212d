/**
 * The one place where errors become HTTP responses: `{ error: { code, message, details? } }`
 * (DESIGN.md § HTTP API). Domain errors map by kind; Fastify's own errors (validation, body too
 * large, malformed JSON, rate limit) are rewritten into the same shape with a message that says
 * what to fix. Anything else is a 500 whose details stay in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { DomainError, type ErrorKind } from "../errors.js";

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(status).type("application/json").send(body);
}

export interface ErrorHandlingOptions {
  /**
   * Answers GET requests outside /api that match no route (the console's client-side routes get
   * its index.html). Fastify allows one not-found handler per prefix, so it is set here, once.
   */
  spaFallback?: (request: FastifyRequest, reply: FastifyReply) => unknown;
}

/** Installs the error handler and the not-found handler on the root instance. */
export function registerErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions = {}): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, request: FastifyRequest, reply) => {
    if (err instanceof DomainError) {
      return send(reply, statusByKind[err.kind], err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? "body";
      const issues = err.validation.map((v) => ({
        path: [
          where,
          ...String(v.instancePath ?? "")
            .split("/")
            .filter(Boolean),
        ].join("."),
        message: v.message,
      }));
      const first = issues[0];
      return send(
        reply,
        400,
        "request.invalid",
        first ? `Invalid request: ${first.path}: ${first.message}` : "Invalid request",
        { issues },
      );
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, "response did not match its schema");
      return send(reply, 500, "internal", "Internal error: the response did not match its schema");
    }
    const fe = err as FastifyError;
    switch (fe.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return send(reply, 413, "request.too_large", "Request body is too large (limit 1 MiB)");
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return send(reply, 400, "request.malformed_json", `Request body is not valid JSON: ${fe.message}`);
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return send(
          reply,
          415,
          "request.unsupported_media_type",
          "Send JSON with Content-Type: application/json",
        );
      default:
        break;
    }
    if (fe.statusCode === 429) {
      return send(reply, 429, "request.rate_limited", fe.message || "Too many requests; try again later");
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, "request.invalid", fe.message);
    }
    request.log.error({ err }, "unhandled error");
    return send(reply, 500, "internal", "Internal error; the server log has the details");
  });

  app.setNotFoundHandler((request, reply) => {
    if (opts.spaFallback && request.method === "GET" && !request.url.startsWith("/api")) {
      return opts.spaFallback(request, reply);
    }
    return send(reply, 404, "route.not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
  });
}
