import type { Socket } from "node:net";
import { Auth } from "./auth.js";
import { FaultController, RateLimiter } from "./faults.js";
import { resolveBehaviour } from "./profiles.js";
import { registerDiscovery, registerResource } from "./routes.js";
import { buildServer, ROOT } from "./server.js";
import { TargetState } from "./state.js";
import type { RecordedRequest, ScimTarget, StartOptions } from "./types.js";

export type {
  FaultConfig,
  FaultKind,
  GroupMember,
  MultiValue,
  ProfileName,
  RecordedRequest,
  ScimGroup,
  ScimMeta,
  ScimTarget,
  ScimUser,
  StartOptions,
} from "./types.js";

/** Every profile name, for CLIs and parameterised tests. */
export const PROFILES = [
  "strict",
  "aws",
  "no-patch",
  "patch-only",
  "plain-json",
  "no-discovery",
  "slow",
  "rate-limited",
  "slack-like",
] as const;

/**
 * Starts an in-memory SCIM 2.0 service provider (RFC 7643/7644) on a real HTTP port.
 *
 * Serves `/scim/v2/{Users,Groups}[/:id]`, `/.search`, `/ServiceProviderConfig`, `/Schemas`,
 * `/ResourceTypes`, and with `opts.oauth` a client-credentials token endpoint at both
 * `{origin}/oauth/token` and `{url}/oauth/token`.
 * Defaults: 127.0.0.1, random port, bearer token "secret", profile "strict", no faults.
 */
export async function startScimTarget(opts: StartOptions = {}): Promise<ScimTarget> {
  const b = resolveBehaviour(opts);
  let url = "";
  const requests: RecordedRequest[] = [];
  const hung = new Set<Socket>();
  const auth = new Auth(opts);
  const faults = new FaultController(opts.faults);
  const rateLimiter = b.rateLimit ? new RateLimiter(b.rateLimit) : undefined;
  const state = new TargetState(b, () => url);
  const tokenPaths = ["/oauth/token", `${ROOT}/oauth/token`];

  const app = buildServer({
    b,
    auth,
    faults,
    rateLimiter,
    requests,
    hung,
    public: new Set(opts.oauth ? tokenPaths : []),
  });
  for (const p of tokenPaths) auth.registerTokenEndpoint(app, p);
  await app.register(
    async (scim) => {
      registerResource(scim, state, "User");
      registerResource(scim, state, "Group");
      registerDiscovery(
        scim,
        state,
        () => url,
        () => auth.schemes(),
      );
    },
    { prefix: ROOT },
  );

  const host = opts.host ?? "127.0.0.1";
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  url = `${origin}${ROOT}`;

  const target: ScimTarget = {
    url,
    origin,
    profile: b.profile,
    requests,
    // Cleared in place, so a test holding `target.requests` keeps seeing new entries.
    clearRequests: () => {
      requests.length = 0;
    },
    setFaults: (f) => faults.set(f),
    failNext: (n, kind, match) => faults.failNext(n, kind, match),
    seedUsers: (count, make) => state.seedUsers(count, make),
    seedGroups: (count, make) => state.seedGroups(count, make),
    users: () => state.users.all(),
    groups: () => state.groups.all(),
    reset: () => {
      state.clear();
      requests.length = 0;
      faults.reset();
      rateLimiter?.reset();
    },
    close: async () => {
      for (const s of hung) s.destroy();
      hung.clear();
      await app.close();
    },
  };
  return target;
}
