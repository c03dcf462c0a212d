/**
 * Turning intents into work: a job (automatic) or a ticket (notification), with the queue, merge
 * key and wording each needs. Used by the event hook, the reconciliation and "apply pending".
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { type EnqueueInput, enqueue } from "../../jobs/index.js";
import type { Messaging } from "../../messaging/index.js";
import type { Actor } from "../activity.js";
import type { Subject } from "./intents.js";
import { describeAction, type JobKind, queueOf } from "./policy.js";

/** Tickets of the same suggested action on the same subject share a key: at most one is open. */
export function ticketKey(appId: string, kind: JobKind, s: Subject): string {
  return `${appId}:${kind}:${s.userId ?? s.folderId ?? "app"}`;
}

export function failureKey(appId: string, kind: JobKind, s: Subject): string {
  return `${appId}:failed:${kind}:${s.userId ?? s.folderId ?? "app"}`;
}

export interface DispatchInput {
  appId: string;
  kind: JobKind;
  subject: Subject;
  actor: Actor;
  /** 10 for an admin's click, 0 for automatic and bulk work. */
  priority?: number;
  /** Set when a ticket's resolution runs the job: its failure then updates that ticket. */
  ticketId?: number;
}

/** The queue entry of an intent: its serial queue (per user or folder) and merge key. */
export function intentJob(d: DispatchInput): EnqueueInput {
  const queue = queueOf(d.appId, d.subject);
  return {
    kind: d.kind,
    applicationId: d.appId,
    payload: { ...d.subject, actor: d.actor, ...(d.ticketId ? { ticketId: d.ticketId } : {}) },
    queue,
    jobKey: `${d.kind}:${queue}`,
    priority: d.priority ?? 0,
    createdBy: d.actor.type === "admin" ? `admin:${d.actor.id ?? d.actor.label}` : d.actor.type,
  };
}

/** Enqueues the job for an intent (merged with a pending identical one). */
export function enqueueIntent(db: Kysely<DB>, d: DispatchInput, now: string) {
  return enqueue(db, intentJob(d), now);
}

/** Opens (or refreshes) the ticket suggesting the intent's action. */
export async function ticketIntent(
  db: Kysely<DB>,
  messaging: Messaging,
  d: {
    appId: string;
    appName: string;
    kind: JobKind;
    subject: Subject;
    who: string;
    event: string;
    why: string;
  },
) {
  const words = describeAction(d.kind, d.who, d.appName);
  return messaging.open(db, {
    applicationId: d.appId,
    event: d.event,
    userId: d.subject.userId ?? null,
    folderId: d.subject.folderId ?? null,
    action: d.kind,
    payload: { ...d.subject },
    title: words.title,
    message: `${d.why} Suggested action: ${words.action}.`,
    dedupeKey: ticketKey(d.appId, d.kind, d.subject),
  });
}
