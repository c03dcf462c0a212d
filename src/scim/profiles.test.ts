/**
 * One provisioning lifecycle run under every simulator profile, then under every fault kind at a
 * 20% rate: the end state must be exactly the intended one, with no duplicate creates.
 */
import { describe, expect, it } from "vitest";
import {
  type FaultConfig,
  PROFILES,
  type ScimTarget,
  startScimTarget,
} from "../../tools/scim-target/index.js";
import type { ScimClient } from "./client.js";
import { clientFor, fakeClock } from "./testing.js";

async function lifecycle(client: ScimClient, target: ScimTarget): Promise<void> {
  const names = Array.from({ length: 12 }, (_, i) => `life${i}@x.test`);
  const users = await Promise.all(names.map((userName) => client.users.create({ userName, active: true })));
  const ids = users.map((u) => u.id);
  let listed = 0;
  // Slack-like targets keep the probe user (deactivated): count only ours.
  for await (const u of client.users.listAll({ pageSize: 5 })) if (u.userName.startsWith("life")) listed++;
  expect(listed).toBe(12);
  expect((await client.users.findByUserName("life3@x.test"))?.id).toBe(ids[3]);
  await Promise.all(ids.slice(0, 3).map((id) => client.users.setActive(id, false)));
  const group = await client.groups.create({ displayName: "Lifecycle" });
  await client.groups.addMembers(group.id, ids);
  await client.groups.removeMembers(group.id, ids.slice(0, 4));
  await Promise.all(ids.slice(10).map((id) => client.users.delete(id)));

  const stored = target.users().filter((u) => !u.userName.includes("@probe.invalid"));
  expect(new Set(stored.map((u) => u.userName)).size).toBe(stored.length);
  const live = target.profile === "slack-like" ? stored.filter((u) => !ids.slice(10).includes(u.id)) : stored;
  expect(live.map((u) => u.userName).sort()).toEqual(names.slice(0, 10).sort());
  expect(
    live
      .filter((u) => u.active === false)
      .map((u) => u.userName)
      .sort(),
  ).toEqual(names.slice(0, 3).sort());
  const groups = target.groups();
  expect(groups.map((g) => g.displayName)).toEqual(["Lifecycle"]);
  // Deleting a user removes it from its groups; a Slack-like "delete" only deactivates it.
  const members = target.profile === "slack-like" ? ids.slice(4) : ids.slice(4, 10);
  expect(groups[0]!.members?.map((m) => m.value).sort()).toEqual(members.sort());
}

describe("the client under every simulator profile", () => {
  it.each(PROFILES)("completes the lifecycle on %s", async (profile) => {
    const target = await startScimTarget({
      profile,
      ...(profile === "slow" ? { latencyMs: 15 } : {}),
      ...(profile === "rate-limited"
        ? { rateLimit: { requests: 10, windowMs: 200, retryAfterSeconds: 1 } }
        : {}),
    });
    const clock = fakeClock(Date.now(), profile === "rate-limited" ? 0.2 : 0);
    const { client } = clientFor(target, { clock, retry: { maxAttempts: 10, maxTotalMs: 600_000 } });
    await client.probe();
    await lifecycle(client, target);
    if (profile === "rate-limited") {
      expect(clock.sleeps.length).toBeGreaterThan(0);
      expect(clock.sleeps.every((ms) => ms === 1_000)).toBe(true);
    }
    await client.close();
    await target.close();
  });
});

const FAULTS: Array<[string, Partial<FaultConfig>]> = [
  ["500s", { errorRate: 0.2 }],
  ["429s", { rate429: 0.2, retryAfterSeconds: 2 }],
  ["timeouts", { timeoutRate: 0.2 }],
  ["connection resets", { resetRate: 0.2 }],
  ["truncated JSON", { malformedJsonRate: 0.2 }],
  ["responses without id", { missingIdRate: 0.2 }],
  [
    "a mix of everything",
    {
      errorRate: 0.05,
      rate429: 0.05,
      timeoutRate: 0.02,
      resetRate: 0.03,
      malformedJsonRate: 0.03,
      missingIdRate: 0.02,
    },
  ],
];

describe("the client under injected faults (20% of requests)", () => {
  it.each(FAULTS)("reaches the intended state despite %s", async (_name, faults) => {
    for (const profile of ["strict", "aws"] as const) {
      const target = await startScimTarget({ profile });
      const { client } = clientFor(target, {
        timeoutMs: 150,
        retry: { maxAttempts: 12, baseDelayMs: 10, maxTotalMs: 600_000 },
      });
      await client.probe();
      target.setFaults({ ...faults, seed: 7 });
      await lifecycle(client, target);
      await client.close();
      await target.close();
    }
  });
});
