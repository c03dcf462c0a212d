/** The auth module's public surface (CONVENTIONS.md §1: other modules import only this file). */
export { type AdminSummary, DEFAULT_ADMIN_EMAIL, normalizeEmail } from "./admins.service.js";
export { authRoutes } from "./auth.routes.js";
export { type Auth, type AuthDeps, createAuth, type RequestAdmin } from "./auth.service.js";
export type { AuthTables } from "./auth.tables.js";
export {
  AUTH_REQUIRED_MESSAGE,
  authenticateRequest,
  currentAdmin,
  registerAuthentication,
  requireAuthentication,
  SESSION_COOKIE,
} from "./authenticate.js";
export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./login-limiter.js";
export { DEFAULT_SCRYPT, type ScryptParams } from "./password.js";
export { DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from "./sessions.service.js";
export { type ApiTokenInfo, type CreatedApiToken, TOKEN_PREFIX } from "./tokens.service.js";
