/**
 * `createScimClient`: wires credentials, keep-alive agent, limiter, retry policy and observer into
 * one request context and hands out the Users/Groups/discovery APIs built on it.
 */
import { Agent, type Dispatcher } from "undici";
import { createAuth } from "./auth.js";
import { AdaptiveLimiter } from "./concurrency.js";
import { DEFAULT_CAPABILITIES, type Discovery, discover } from "./discovery.js";
import { ScimError } from "./errors.js";
import { type GroupsApi, groupsApi } from "./groups.js";
import { probeCapabilities } from "./probe.js";
import { type RequestContext, type RequestSpec, scimRequest } from "./request.js";
import { DEFAULT_RETRY } from "./retry.js";
import {
  type Capabilities,
  type Clock,
  type Observer,
  type RetryPolicy,
  type ScimCredentials,
  systemClock,
} from "./types.js";
import { type UsersApi, usersApi } from "./users.js";

/** Options of {@link createScimClient}. */
export interface ScimClientOptions {
  /** Base URL of the SCIM service, e.g. `https://example.com/scim/v2` (RFC 7644 §1.3). */
  baseUrl: string;
  credentials: ScimCredentials;
  /** Per-request timeout (whole exchange, per attempt). Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Maximum requests in flight to this target (also the keep-alive pool size). Default 8. */
  maxConcurrency?: number;
  /** Default `smartlink-scim-client/0.1`. */
  userAgent?: string;
  /** Called after every HTTP exchange with redacted bodies. */
  observer?: Observer;
  /** Default: the system clock. */
  clock?: Clock;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Member operations per PATCH (AWS allows 100). Default 100. */
  membersPerPatch?: number;
  /** Known capabilities (e.g. cached from an earlier probe). */
  capabilities?: Partial<Capabilities>;
  /** Use this dispatcher instead of an own keep-alive `Agent` (the client then does not close it). */
  dispatcher?: Dispatcher;
}

/** The client. */
export interface ScimClient {
  users: UsersApi;
  groups: GroupsApi;
  /** Reads `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4) and adopts the declared capabilities. */
  discover(): Promise<Discovery>;
  /**
   * Discovery plus the capability probe (creates and deletes a probe user and group); adopts the
   * result. Pass the result of an earlier {@link discover} to skip reading it again.
   */
  probe(discovery?: Discovery): Promise<Capabilities>;
  /** The capabilities the client currently works with. */
  capabilities(): Capabilities;
  setCapabilities(c: Partial<Capabilities>): void;
  /** Low-level escape hatch through the same request function (auth, retries, observer). */
  request<T = unknown>(spec: RequestSpec<T>): Promise<T>;
  /** Current adaptive concurrency limit (halves on 429, +1 per success). */
  concurrency(): number;
  /** Closes the keep-alive connections (when the client owns them). */
  close(): Promise<void>;
}

/**
 * Creates a SCIM 2.0 client (RFC 7643/7644) for one target. Throws a `config` {@link ScimError}
 * for an unusable base URL.
 */
export function createScimClient(options: ScimClientOptions): ScimClient {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new ScimError({
      category: "config",
      networkCode: "ERR_INVALID_URL",
      detail: "baseUrl is not a valid URL",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ScimError({
      category: "config",
      networkCode: "ERR_INVALID_URL",
      detail: "baseUrl must be http(s)",
    });
  }
  const maxConcurrency = options.maxConcurrency ?? 8;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const userAgent = options.userAgent ?? "smartlink-scim-client/0.1";
  const ownsDispatcher = options.dispatcher === undefined;
  // One keep-alive pool per origin, as many sockets as requests we allow in flight.
  const dispatcher =
    options.dispatcher ?? new Agent({ connections: maxConcurrency, keepAliveTimeout: 30_000 });
  let caps: Capabilities = { ...DEFAULT_CAPABILITIES, ...options.capabilities };
  const ctx: RequestContext = {
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ""),
    auth: createAuth(options.credentials, { clock, dispatcher, timeoutMs, userAgent }),
    limiter: new AdaptiveLimiter(maxConcurrency),
    dispatcher,
    clock,
    random: options.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs,
    userAgent,
    observer: options.observer,
    contentType: caps.contentType,
  };
  const current = () => ({ ...caps, contentType: ctx.contentType });
  const learn = (c: Partial<Capabilities>) => {
    caps = { ...caps, ...c };
    if (c.contentType) ctx.contentType = c.contentType;
  };
  const users = usersApi(ctx, current, learn);
  const groups = groupsApi(ctx, current, learn, options.membersPerPatch ?? 100);
  return {
    users,
    groups,
    async discover() {
      const d = await discover(ctx);
      learn(d.capabilities);
      return d;
    },
    async probe(known) {
      const d = known ?? (await discover(ctx));
      learn(d.capabilities);
      const verified = await probeCapabilities(ctx, users, groups, current());
      learn(verified);
      return current();
    },
    capabilities: current,
    setCapabilities: learn,
    request: (spec) => scimRequest(ctx, spec),
    concurrency: () => ctx.limiter.limit,
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
