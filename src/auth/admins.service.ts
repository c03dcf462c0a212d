/**
 * Admin accounts: creation with a scrypt-hashed password, lookup, password change, and the first
 * admin created at start when none exists.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type Clock, isoNow } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/index.js";
import { conflict, DomainError, invalid } from "../errors.js";
import {
  type AdminRow,
  countAdmins,
  findAdminByEmail,
  findAdminById,
  insertAdmin,
  updateAdminPassword,
} from "./admins.queries.js";
import {
  DEFAULT_SCRYPT,
  generatePassword,
  hashPassword,
  type ScryptParams,
  verifyPassword,
} from "./password.js";

/** The public face of an admin: never the password hash. */
export interface AdminSummary {
  id: string;
  email: string;
  name: string;
}

/** Same minimum as SMARTLINK_ADMIN_PASSWORD in src/config.ts. */
export const MIN_PASSWORD_LENGTH = 12;
export const DEFAULT_ADMIN_EMAIL = "admin@smartlink.local";

/** Emails compare case-insensitively: stored and looked up trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An admin row without its password hash. */
export function toSummary(row: AdminRow): AdminSummary {
  return { id: row.id, email: row.email, name: row.name };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    /UNIQUE constraint/i.test(e?.message ?? "")
  );
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid("admin.weak_password", `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export interface AdminsDeps {
  database: Database;
  clock: Clock;
  config: Config;
  log: Logger;
  /** scrypt cost for new hashes (default {@link DEFAULT_SCRYPT}; tests pass a cheap one). */
  scrypt?: ScryptParams;
}

/** Builds the admin service (CONVENTIONS.md §2). */
export function createAdmins({ database, clock, config, log, scrypt = DEFAULT_SCRYPT }: AdminsDeps) {
  const { db } = database;

  /**
   * Creates an admin. Throws `admin.email_taken` (409) when the email exists in any letter case,
   * `admin.weak_password` (400) under 12 characters.
   */
  async function create(input: { email: string; password: string; name?: string }): Promise<AdminSummary> {
    checkPassword(input.password);
    const email = normalizeEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw invalid("admin.invalid_email", `"${input.email}" is not an email address`);
    const now = isoNow(clock);
    const row: AdminRow = {
      id: randomUUID(),
      email,
      name: input.name?.trim() || email.split("@")[0] || email,
      password_hash: await hashPassword(input.password, scrypt),
      created_at: now,
      updated_at: now,
    };
    try {
      await insertAdmin(db, row);
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict("admin.email_taken", `An admin with email ${email} already exists`);
      throw err;
    }
    return toSummary(row);
  }

  /**
   * When no admin exists, creates one from SMARTLINK_ADMIN_EMAIL / SMARTLINK_ADMIN_PASSWORD, or as
   * `admin@smartlink.local` with a generated password returned once as `generatedPassword`.
   * When any admin exists (even if the variables changed since), does nothing and returns null.
   */
  async function ensureFirstAdmin(): Promise<{ email: string; generatedPassword?: string } | null> {
    if ((await countAdmins(db)) > 0) return null;
    const email = normalizeEmail(config.adminEmail ?? DEFAULT_ADMIN_EMAIL);
    const generated = config.adminPassword ? undefined : generatePassword();
    try {
      await create({ email, password: config.adminPassword ?? (generated as string), name: "Administrator" });
    } catch (err) {
      // Another process started at the same moment and created it first: that is fine.
      if (err instanceof DomainError && err.code === "admin.email_taken") return null;
      throw err;
    }
    log.info({ email }, "first admin created");
    return generated ? { email, generatedPassword: generated } : { email };
  }

  /** Changes a password after checking the current one (`auth.wrong_password`, 400, otherwise). */
  async function changePassword(id: string, currentPassword: string, newPassword: string): Promise<void> {
    const row = await findAdminById(db, id);
    if (!row || !(await verifyPassword(currentPassword, row.password_hash))) {
      // 400, not 401: a 401 would make the console believe the session ended.
      throw invalid("auth.wrong_password", "The current password is incorrect");
    }
    checkPassword(newPassword);
    await updateAdminPassword(db, id, await hashPassword(newPassword, scrypt), isoNow(clock));
  }

  return {
    create,
    ensureFirstAdmin,
    changePassword,
    /** The admin with this id, or undefined. */
    findById: async (id: string) => {
      const row = await findAdminById(db, id);
      return row && toSummary(row);
    },
    /** The admin row (with its hash) for this email in any case, or undefined. */
    findRowByEmail: (email: string) => findAdminByEmail(db, normalizeEmail(email)),
    count: () => countAdmins(db),
    /** The scrypt cost of new hashes (login's dummy hash uses it too, for equal timing). */
    scrypt,
  };
}

export type Admins = ReturnType<typeof createAdmins>;
