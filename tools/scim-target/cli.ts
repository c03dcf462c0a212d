/**
 * `npm run scim-target -- --port 9000 --token secret --profile aws --error-rate 0.05 --seed-users 1000`
 *
 * Starts the simulator, prints its base URL and runs until SIGINT/SIGTERM. `--help` lists flags.
 */
import { parseArgs } from "node:util";
import { type FaultConfig, PROFILES, type ProfileName, type StartOptions, startScimTarget } from "./index.js";

const faultFlags: Record<string, keyof FaultConfig> = {
  "error-rate": "errorRate",
  "rate-429": "rate429",
  "timeout-rate": "timeoutRate",
  "reset-rate": "resetRate",
  "malformed-json-rate": "malformedJsonRate",
  "missing-id-rate": "missingIdRate",
  "retry-after": "retryAfterSeconds",
  seed: "seed",
};

const str = { type: "string" } as const;
const { values } = parseArgs({
  options: {
    port: str,
    host: str,
    token: str,
    profile: str,
    latency: str,
    "rate-limit": str,
    "max-page-size": str,
    "max-members-per-patch": str,
    "seed-users": str,
    "seed-groups": str,
    basic: str,
    oauth: str,
    help: { type: "boolean" },
    ...Object.fromEntries(Object.keys(faultFlags).map((k) => [k, str])),
  },
});

if (values.help) {
  console.log(`flags: --port N --host H --token T --profile ${PROFILES.join("|")}
  --latency MS --rate-limit REQUESTS/WINDOW_MS --max-page-size N --max-members-per-patch N
  --seed-users N --seed-groups N --basic USER:PASS --oauth CLIENT_ID:SECRET
  ${Object.keys(faultFlags)
    .map((k) => `--${k} X`)
    .join(" ")}`);
  process.exit(0);
}

function num(name: string, v: string | boolean | undefined): number | undefined {
  if (v === undefined || typeof v === "boolean") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
}

function pair(name: string, v: string | undefined): [string, string] | undefined {
  if (v === undefined) return undefined;
  const i = v.indexOf(":");
  if (i < 0) throw new Error(`--${name} must be A:B`);
  return [v.slice(0, i), v.slice(i + 1)];
}

const profile = values.profile as ProfileName | undefined;
if (profile && !PROFILES.includes(profile)) throw new Error(`unknown profile ${profile}`);
const faults: Partial<FaultConfig> = {};
for (const [flag, key] of Object.entries(faultFlags)) {
  const n = num(flag, values[flag as keyof typeof values]);
  if (n !== undefined) faults[key] = n;
}
const opts: StartOptions = {
  profile,
  faults,
  port: num("port", values.port),
  host: values.host,
  token: values.token,
};
opts.latencyMs = num("latency", values.latency);
opts.maxPageSize = num("max-page-size", values["max-page-size"]);
opts.maxMembersPerPatch = num("max-members-per-patch", values["max-members-per-patch"]);
const rl = pair("rate-limit", values["rate-limit"]?.replace("/", ":"));
if (rl) opts.rateLimit = { requests: Number(rl[0]), windowMs: Number(rl[1]) };
const basic = pair("basic", values.basic);
if (basic) opts.basic = { username: basic[0], password: basic[1] };
const oauth = pair("oauth", values.oauth);
if (oauth) opts.oauth = { clientId: oauth[0], clientSecret: oauth[1] };

const target = await startScimTarget(opts);
target.seedUsers(num("seed-users", values["seed-users"]) ?? 0);
target.seedGroups(num("seed-groups", values["seed-groups"]) ?? 0);
console.log(target.url);
console.error(`profile ${target.profile}; users ${target.users().length}; groups ${target.groups().length}`);

// A demo may run for hours: keep the request log bounded (the in-process API leaves it to tests).
const MAX_RECORDED = 10_000;
setInterval(() => {
  if (target.requests.length > MAX_RECORDED) target.requests.splice(0, target.requests.length - MAX_RECORDED);
}, 10_000).unref();

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void target.close().then(() => process.exit(0));
  });
}
