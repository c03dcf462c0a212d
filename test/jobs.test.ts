/**
 * Tracked jobs (src/jobs): progress, outcome, one running refresh per (application, kind), and a
 * lease that turns a job abandoned by a dead process into a failure instead of "running" forever.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createJobs } from "../src/jobs/index.js";
import { manualClock } from "./auth-fixtures.js";
import { describeEachDialect } from "./db-harness.js";

describeEachDialect("jobs", (getDb) => {
  const newApp = async () => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await getDb()
      .db.insertInto("applications")
      .values({
        id,
        name: `App ${id}`,
        url: null,
        icon_url: null,
        search_text: id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  describe("startTracked", () => {
    it("records progress and the result of work that succeeds", async () => {
      const jobs = createJobs({ database: getDb(), clock: manualClock() });
      const appId = await newApp();
      const { job, started } = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: appId,
        createdBy: "admin:a1",
        async run(control) {
          await control.progress(5, 10);
          await control.progress(10, 10);
          return { seen: 10 };
        },
      });
      expect(started).toBe(true);
      expect(job.state).toBe("running");
      const done = await jobs.settled(job.id);
      expect(done).toMatchObject({
        state: "succeeded",
        done: 10,
        total: 10,
        error: null,
        result: { seen: 10 },
      });
      expect(done.finishedAt).not.toBeNull();
    });

    it("stores the error message of work that fails", async () => {
      const errors: unknown[] = [];
      const jobs = createJobs({ database: getDb(), clock: manualClock(), onError: (e) => errors.push(e) });
      const { job } = await jobs.startTracked({
        kind: "snapshot.groups",
        applicationId: await newApp(),
        createdBy: null,
        async run(control) {
          await control.progress(3, null);
          throw new Error("target said 503");
        },
      });
      const done = await jobs.settled(job.id);
      expect(done).toMatchObject({
        state: "failed",
        done: 3,
        total: null,
        error: "target said 503",
        result: null,
      });
      expect(errors).toHaveLength(1);
    });

    it("returns the running job instead of starting a second one of the same kind for the same application", async () => {
      const jobs = createJobs({ database: getDb(), clock: manualClock() });
      const appId = await newApp();
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const first = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: appId,
        createdBy: null,
        run: async () => {
          await gate;
          return {};
        },
      });
      const second = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: appId,
        createdBy: null,
        run: async () => ({ never: true }),
      });
      const otherKind = await jobs.startTracked({
        kind: "snapshot.groups",
        applicationId: appId,
        createdBy: null,
        run: async () => ({}),
      });
      expect(second).toEqual({ job: expect.objectContaining({ id: first.job.id }), started: false });
      expect(otherKind.started).toBe(true);
      release();
      expect((await jobs.settled(first.job.id)).result).toEqual({});
      await jobs.settled(otherKind.job.id);
    });

    it("reports a running job whose lease expired as failed (its process died)", async () => {
      const clock = manualClock(Date.now());
      const jobs = createJobs({ database: getDb(), clock, leaseMs: 1_000 });
      const appId = await newApp();
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const { job } = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: appId,
        createdBy: null,
        run: async () => {
          await gate;
          return {};
        },
      });
      expect((await jobs.get(job.id)).state).toBe("running");
      clock.advance(1_500);
      const seen = await jobs.get(job.id);
      expect(seen.state).toBe("failed");
      expect(seen.error).toMatch(/^Interrupted/);
      // A new refresh may start: the abandoned one no longer blocks it.
      const again = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: appId,
        createdBy: null,
        run: async () => ({}),
      });
      expect(again.started).toBe(true);
      release();
      await jobs.settled(job.id);
      await jobs.settled(again.job.id);
    });

    it("asks running work to stop on close and waits for it", async () => {
      const jobs = createJobs({ database: getDb(), clock: manualClock() });
      const { job } = await jobs.startTracked({
        kind: "snapshot.accounts",
        applicationId: await newApp(),
        createdBy: null,
        run: (control) =>
          new Promise((_, reject) => {
            control.signal.addEventListener("abort", () => reject(control.signal.reason));
          }),
      });
      await jobs.close();
      expect(await jobs.get(job.id)).toMatchObject({ state: "failed", error: "SmartLink is shutting down" });
    });

    it("answers 404 job.not_found for an unknown id", async () => {
      const jobs = createJobs({ database: getDb(), clock: manualClock() });
      await expect(jobs.get(987_654_321)).rejects.toMatchObject({ code: "job.not_found" });
    });
  });
});
