/**
 * `/api/applications/:id/provisioning/connection` (DESIGN.md § HTTP API): the SCIM connection of an
 * application. The secret is write-only: the server answers `tokenSet`, never the token.
 * Shapes mirror `ConnectionView` in src/provisioning/provisioning.schema.ts.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { JobStarted } from "./jobs";
import { useInvalidatingMutation } from "./resource";

/** What the capability probe found out about the target. */
export interface ScimCapabilities {
  patch: boolean;
  filter: { eq: boolean; and: boolean; sw: boolean };
  pagination: "index" | "cursor";
  maxPageSize?: number;
  groupListIncludesMembers?: boolean;
  contentType: string;
  deleteDeactivatesOnly?: boolean;
  /** Where the capabilities came from (discovery, probe…). */
  source: string;
}

export type ConnectionStatus = "connected" | "failed" | "disconnected";

export interface Connection {
  baseUrl: string | null;
  authType: "bearer" | "basic" | "oauth" | null;
  tokenSet: boolean;
  status: ConnectionStatus;
  verifiedAt: string | null;
  capabilities: ScimCapabilities | null;
  lastError: { code: string; message: string } | null;
  username: string | null;
  clientId: string | null;
  tokenUrl: string | null;
  /** Set by PUT when the base URL changed: the old target's snapshot and links were cleared. */
  targetChanged?: boolean;
}

/** The PUT body; leave `token` out to keep the stored credentials. */
export interface ConnectionInput {
  baseUrl: string;
  token?: string;
}

/** Every provisioning cache of one application; a connection change makes all of them stale. */
export const provisioningKey = (appId: string) => ["provisioning", appId] as const;
export const connectionKey = (appId: string) => [...provisioningKey(appId), "connection"] as const;

const connectionPath = (appId: string) => `/applications/${appId}/provisioning/connection`;

export const getConnection = (appId: string) => api<Connection>("GET", connectionPath(appId));

/** `GET …/connection`. */
export const useConnection = (appId: string) =>
  useQuery({ queryKey: connectionKey(appId), queryFn: () => getConnection(appId) });

/** `PUT …/connection`: the server tests the connection and saves it only when the test passes. */
export const useSaveConnection = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], (input: ConnectionInput) =>
    api<Connection>("PUT", connectionPath(appId), { body: input }),
  );

/** `DELETE …/connection` (links and snapshot are kept on the server). */
export const useDisconnect = (appId: string) =>
  useInvalidatingMutation([provisioningKey(appId)], () => api<void>("DELETE", connectionPath(appId)));

/** The two snapshots of the target a Refresh reads again. */
export type SnapshotKind = "accounts" | "groups";

/** What a snapshot job ends with (its `result`; mirrors snapshot.service `read`). */
export interface SnapshotResult {
  seen: number;
  vanished: number;
}

/**
 * `POST …/{accounts|groups}/refresh`: starts (or joins) the job reading that snapshot; answers 202
 * with the job to follow. The lists reload when the job ends, not now.
 */
export const useRefreshSnapshot = (appId: string, kind: SnapshotKind) =>
  useMutation({
    mutationFn: () =>
      api<JobStarted & { started: boolean }>("POST", `/applications/${appId}/provisioning/${kind}/refresh`),
  });
