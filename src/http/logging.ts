/**
 * The process logger (pino) with redaction: passwords, tokens, cookies and Authorization headers
 * are masked wherever a log call puts them — request objects, bodies, or plain fields. Nothing
 * should log them in the first place; this is the net under that rule.
 */
import pino, { type DestinationStream, type Logger } from "pino";

const SECRET_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "token",
  "accessToken",
  "secret",
  "secretKey",
  "authorization",
  "cookie",
  '"set-cookie"',
];

/** Every path pino masks: the secret keys at the top level and up to two levels down, plus headers. */
export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "req.body",
  "request.body",
];

/** A pino logger at `level` with {@link REDACT_PATHS} masked as `[redacted]`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
