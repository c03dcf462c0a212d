/** zod shapes of the auth routes' bodies and responses (types come from z.infer). */
import { z } from "zod";

export const ErrorResponse = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .describe("Error");

export const LoginBody = z.object({
  email: z.string().trim().min(1).max(320),
  // scrypt cost does not grow with the input, but nobody needs more than this.
  password: z.string().min(1).max(1024),
});

export const AdminOut = z.object({
  id: z.string().nullable().describe("null when an API token that no admin owns made the request"),
  email: z.string().nullable(),
  name: z.string(),
});

export const LoginResponse = z.object({ admin: AdminOut });

export const MeResponse = z.object({
  admin: AdminOut,
  via: z.enum(["session", "token"]).describe("How this request authenticated"),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(12).max(1024),
});

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe("Unset: the token never expires"),
});

export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters, to recognise it"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const CreatedToken = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe("The secret (slk_…); shown only in this response"),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});

export const TokenList = z.object({ items: z.array(TokenInfo) });

export const TokenParams = z.object({ id: z.string().min(1).max(100) });
