/**
 * Intents: every automation job (and every ticket's one-click action) says what should be true —
 * "U has an account in A", "U has no account in A", "U's account is inactive"… — and checks it
 * against the current state when it runs. A job whose intent no longer holds is skipped, which
 * makes retries, duplicates and reordering harmless (level-triggered, like a controller).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { Directory } from "../../directory/index.js";
import { groupLinkByFolder, linkByUser } from "../links.queries.js";
import type { JobKind } from "./policy.js";

export interface Subject {
  userId?: string;
  folderId?: string;
}

/** The subject named by a job payload or a ticket (`userId` / `folderId`, when they are strings). */
export function subjectOf(p: { userId?: unknown; folderId?: unknown }): Subject {
  return {
    ...(typeof p.userId === "string" ? { userId: p.userId } : {}),
    ...(typeof p.folderId === "string" ? { folderId: p.folderId } : {}),
  };
}

/** Why the action no longer applies (in words), or null when it still does. */
export async function intentGone(
  db: Kysely<DB>,
  directory: Directory,
  kind: JobKind,
  appId: string,
  s: Subject,
): Promise<string | null> {
  if (kind === "reconcile") return null;
  if (kind === "group.sync") {
    return s.folderId && (await groupLinkByFolder(db, appId, s.folderId))
      ? null
      : "the folder is no longer associated with a group";
  }
  if (!s.userId) return "no user given";
  const userId = s.userId;
  const [user, link, access] = await Promise.all([
    db.selectFrom("users").select(["email", "active"]).where("id", "=", userId).executeTakeFirst(),
    linkByUser(db, appId, userId),
    directory.hasAccess(appId, userId),
  ]);
  const who = user?.email ?? "the user";
  switch (kind) {
    case "account.provision":
      if (!user) return "the user was deleted";
      if (!access) return `${who} no longer has access`;
      return link ? `${who} already has an account` : null;
    case "account.deprovision":
      if (access) return `${who} has access again`;
      return link ? null : `${who} has no account to remove`;
    case "account.deactivate":
      if (!link) return `${who} has no account`;
      if (user && Number(user.active) === 1) return `${who} is active again`;
      return null;
    case "account.reactivate":
      if (!user) return "the user was deleted";
      if (Number(user.active) !== 1) return `${who} is deactivated again`;
      if (!access) return `${who} has no access`;
      return link ? null : `${who} has no account`;
    case "account.update":
      if (!user) return "the user was deleted";
      return link ? null : `${who} has no account`;
  }
}
