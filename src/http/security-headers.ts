/**
 * Security headers on every response (a small onSend hook rather than @fastify/helmet: five fixed
 * headers do not need a dependency).
 */
import type { FastifyInstance } from "fastify";

/**
 * CSP for the Vite-built React console: scripts and connections from our own origin only; inline
 * styles allowed because Mantine injects <style> tags and style attributes at run time; images and
 * fonts may also be data: URLs (Vite inlines small assets). No framing, no plugins, no <base>.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const FIXED_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

/** Adds the headers at the root, so every route, 404 and error response carries them. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(FIXED_HEADERS)) reply.header(name, value);
    // @fastify/swagger-ui may set its own policy for /api/docs; keep it when present.
    if (!reply.hasHeader("content-security-policy"))
      reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    return payload;
  });
}
