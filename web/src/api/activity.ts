/**
 * `/api/applications/:id/provisioning/activity` and `…/activity/stats` (DESIGN.md § HTTP API): the
 * SCIM operations log, server-paginated and filtered, and operations/failures per time bucket for
 * the chart. Shapes mirror `ActivityEntry` (src/provisioning/provisioning.schema.ts) and
 * `ActivityFilters` / `ActivityStats` (src/provisioning/configuration.routes.ts).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { provisioningKey } from "./provisioning";
import type { Page } from "./types";

export type ActorKind = "admin" | "event" | "system";
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof METHODS)[number];

export interface ActivityEntry {
  id: number;
  at: string;
  actor: { type: ActorKind; id: string | null; label: string | null };
  operation: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  /** 0 when no response arrived. */
  status: number;
  durationMs: number;
  attempt: number;
  ok: boolean;
  error: string | null;
  /** Redacted of secrets and cut at a few thousand characters by the server. */
  requestBody: string | null;
  responseBody: string | null;
}

/** The log's filters; empty values are left out of the query. */
export interface ActivityFilters {
  status?: "ok" | "failed" | undefined;
  actor?: ActorKind | undefined;
  method?: HttpMethod | undefined;
  operation?: string | undefined;
  /** ISO-8601 lower bound. */
  since?: string | undefined;
}

export interface ActivityBucket {
  start: string;
  end: string;
  total: number;
  failed: number;
}

export interface ActivityStats {
  from: string;
  to: string;
  bucketMinutes: number;
  total: number;
  failed: number;
  buckets: ActivityBucket[];
}

const base = (appId: string) => `/applications/${appId}/provisioning/activity`;
const activityKey = (appId: string) => [...provisioningKey(appId), "activity"] as const;

/** One page of the log, newest first; the previous page stays on screen while the next loads. */
export const useActivity = (appId: string, filters: ActivityFilters, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...activityKey(appId), "list", filters, page, pageSize],
    queryFn: () => api<Page<ActivityEntry>>("GET", base(appId), { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

/** Operations and failures over the last `hours`, in `buckets` equal buckets. */
export const useActivityStats = (appId: string, hours: number, buckets: number) =>
  useQuery({
    queryKey: [...activityKey(appId), "stats", hours, buckets],
    queryFn: () => api<ActivityStats>("GET", `${base(appId)}/stats`, { query: { hours, buckets } }),
  });
