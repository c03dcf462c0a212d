/**
 * The Activity tab over HTTP on both dialects: the log's filters (outcome, actor, method, time
 * range) and `GET …/activity/stats`, the operations and failures per time bucket the chart draws.
 * Seeded rows give exact expectations on a quiet application; a connected one checks that real
 * SCIM exchanges (a failed attempt included) are counted too.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "./db-harness.js";
import { openProvisioningRig, type ProvisioningRig } from "./helpers/provisioning.js";

const HOUR = 3_600_000;

interface Bucket {
  start: string;
  end: string;
  total: number;
  failed: number;
}

describeEachDialect("provisioning activity filters and stats", (getDb) => {
  let rig: ProvisioningRig;
  let quietId: string;
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const quiet = (path: string) =>
    rig.api.inject({ method: "GET", url: `/api/applications/${quietId}/provisioning${path}` });

  /** Rows of the quiet application: [at, actor, method, status]. */
  const SEEDED = [
    [ago(30 * HOUR), "system", "GET", 200],
    [ago(5 * HOUR), "event", "POST", 201],
    [ago(5 * HOUR), "event", "POST", 0],
    [ago(60_000), "admin", "GET", 200],
    [ago(30_000), "admin", "PATCH", 500],
    [ago(10_000), "admin", "DELETE", 204],
  ] as const;

  beforeAll(async () => {
    rig = await openProvisioningRig(getDb());
    const created = await rig.api.inject({
      method: "POST",
      url: "/api/applications",
      payload: { name: `Quiet ${now}` },
    });
    quietId = created.json().id;
    await rig.api.ctx.database.db
      .insertInto("scim_activity")
      .values(
        SEEDED.map(([at, actor, method, status], i) => ({
          application_id: quietId,
          at,
          actor_type: actor,
          actor_id: null,
          actor_label: null,
          operation: `seed.${i}`,
          method,
          path: "/Users",
          resource_type: "User",
          resource_id: null,
          status,
          duration_ms: 5,
          attempt: 1,
          error: status === 0 ? "connection reset" : null,
          request_body: null,
          response_body: null,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await rig.close();
  });

  const ops = async (query: string) => {
    const res = await quiet(`/activity?${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as Array<{ operation: string }>).map((e) => e.operation);
  };

  it("filters the log by outcome, actor, method and time range, newest first", async () => {
    expect(await ops("")).toEqual(["seed.5", "seed.4", "seed.3", "seed.2", "seed.1", "seed.0"]);
    expect(await ops("status=failed")).toEqual(["seed.4", "seed.2"]);
    expect(await ops("status=ok&actor=admin")).toEqual(["seed.5", "seed.3"]);
    expect(await ops("actor=event&method=POST")).toEqual(["seed.2", "seed.1"]);
    expect(await ops("method=PATCH")).toEqual(["seed.4"]);
    expect(await ops(`since=${ago(HOUR)}`)).toEqual(["seed.5", "seed.4", "seed.3"]);
    expect(await ops(`since=${ago(24 * HOUR)}&until=${ago(HOUR)}`)).toEqual(["seed.2", "seed.1"]);
    const page = await quiet(`/activity?status=failed&pageSize=1&page=2`);
    expect(page.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ operation: "seed.2" }] });
  });

  it("counts operations and failures per bucket over the window, oldest first", async () => {
    const res = await quiet("/activity/stats");
    expect(res.statusCode).toBe(200);
    const stats = res.json() as { total: number; failed: number; bucketMinutes: number; buckets: Bucket[] };
    // The row of 30 hours ago is outside the default 24-hour window.
    expect([stats.total, stats.failed, stats.bucketMinutes, stats.buckets.length]).toEqual([5, 2, 60, 24]);
    const holding = (at: string) => stats.buckets.findIndex((b) => b.start <= at && at < b.end);
    const recent = holding(ago(60_000));
    expect(holding(ago(10_000))).toBe(recent);
    expect(stats.buckets[recent]).toMatchObject({ total: 3, failed: 1 });
    expect(stats.buckets[holding(ago(5 * HOUR))]).toMatchObject({ total: 2, failed: 1 });
    expect(stats.buckets.filter((b) => b.total > 0)).toHaveLength(2);
    expect(stats.buckets.every((b, i) => i === 0 || b.start === stats.buckets[i - 1]?.end)).toBe(true);

    const week = (await quiet("/activity/stats?hours=48&buckets=12")).json();
    expect([week.total, week.failed, week.bucketMinutes, week.buckets.length]).toEqual([6, 2, 240, 12]);
  });

  it("refuses bad filters in words and unknown applications", async () => {
    for (const q of [
      "stats?hours=0",
      "stats?buckets=500",
      "stats?extra=1",
      "?method=FETCH",
      "?since=yesterday",
    ]) {
      const res = await quiet(`/activity${q.startsWith("?") ? q : `/${q}`}`);
      expect([q, res.statusCode]).toEqual([q, 400]);
    }
    const missing = await rig.api.inject({
      method: "GET",
      url: "/api/applications/00000000-0000-4000-8000-000000000000/provisioning/activity/stats",
    });
    expect(missing.statusCode).toBe(404);
  });

  it("counts the real SCIM exchanges of a connected target, a failed attempt included", async () => {
    const failures = async () => (await rig.get("/activity?status=failed&pageSize=1")).json().total as number;
    const before = await failures();
    rig.target.failNext(1, "500", { method: "GET", pathPrefix: "/Users" });
    const refresh = await rig.post("/accounts/refresh");
    expect(refresh.statusCode).toBe(202);
    expect((await rig.waitJob(refresh.json().jobId)).state).toBe("succeeded");
    expect(await failures()).toBe(before + 1);
    const failed = (await rig.get("/activity?status=failed&actor=admin&method=GET&pageSize=1")).json();
    expect(failed.items[0]).toMatchObject({
      status: 500,
      ok: false,
      method: "GET",
      actor: { type: "admin" },
    });
    const all = (await rig.get("/activity?pageSize=1")).json().total as number;
    const stats = (await rig.get("/activity/stats?hours=1&buckets=12")).json();
    expect([stats.total, stats.failed, stats.bucketMinutes]).toEqual([all, before + 1, 5]);
  });
});
