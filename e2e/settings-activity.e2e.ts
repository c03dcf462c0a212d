/**
 * Provisioning → Settings and Activity in a real browser against the server (with its job worker)
 * and the SCIM target simulator. Settings: "A user gains access to the application" walked through
 * Manual (nothing happens), Notification (a ticket, no account) and Automatic (the account appears
 * on the target), the past applied only on request, another event's mode saved, one mode changed
 * with the keyboard, Reconcile now. Activity: the chart's totals, the failure filter and a failed
 * row's detail after the target failed a request. The other three events set to Automatic in the
 * form, each checked on the target: loses access deletes, deactivation deactivates, an update PATCHes.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, shot, withPage } from "./harness.js";
import {
  call,
  connectedApp,
  createUser,
  eventually,
  grantAccess,
  openSubTab,
  type Rig,
  type SeedUser,
  startRig,
} from "./provisioning-fixture.js";

const APP = "Helpdesk";
const GAINS = "A user gains access to the application";

let rig: Rig;
let appId: string;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const hasAccount = (u: SeedUser) => rig.sim.users().some((a) => a.userName === u.email);
const ticketsFor = async (page: Page, u: SeedUser) =>
  (
    await call<{ items: Array<{ userId: string | null; event: string }> }>(page, "GET", "/tickets")
  ).items.filter((t) => t.userId === u.id);
const settings = (page: Page) =>
  call<Record<string, unknown>>(page, "GET", `/applications/${appId}/provisioning/settings`);

/** Clicks Save and waits until the form shows what the server stored, and the success toast. */
async function save(page: Page) {
  const unsaved = page.getByText("Unsaved changes", { exact: true });
  await unsaved.waitFor();
  await page.getByRole("button", { name: "Save" }).click();
  await unsaved.waitFor({ state: "detached" });
  await page
    .getByRole("status")
    .filter({ hasText: `Settings of ${APP} saved` })
    .last()
    .waitFor();
}

describe("provisioning settings and activity", () => {
  it("walks the modes of 'A user gains access' and checks what the target then holds", async () => {
    await withPage(rig.h, "settings-modes", async (page) => {
      await logIn(page);
      appId = await connectedApp(page, rig.sim, APP);
      const [manual, notified, automatic] = [
        await createUser(page, "Mara", "Manual"),
        await createUser(page, "Noel", "Notified"),
        await createUser(page, "Ava", "Automatic"),
      ];
      await openSubTab(page, appId, APP, "Settings");
      const gains = page.getByRole("radiogroup", { name: GAINS });
      await gains.waitFor();
      expect(await gains.getByRole("radio", { name: "Manual" }).isChecked()).toBe(true);
      expect(await gains.textContent()).toContain("No automatic action - you act from the previous tabs");
      expect(await gains.textContent()).toContain(
        "Automatically create an account in the target application (provisioning)",
      );
      await shot(page, "settings-default");

      // Manual (chosen explicitly), and another event set to Notification, saved together.
      const loses = page.getByRole("radiogroup", { name: "A user loses access to the application" });
      await loses.getByRole("radio", { name: "Notification" }).check();
      await gains.getByRole("radio", { name: "Manual" }).check();
      await save(page);
      expect(await settings(page)).toMatchObject({
        userGainsAccess: "manual",
        userLosesAccess: "notification",
      });
      await grantAccess(page, appId, manual.id);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(hasAccount(manual)).toBe(false);
      expect(await ticketsFor(page, manual)).toEqual([]);

      // Notification: a ticket guides the admin, the target is untouched.
      await gains.getByRole("radio", { name: "Notification" }).check();
      await save(page);
      await grantAccess(page, appId, notified.id);
      await eventually(async () => (await ticketsFor(page, notified)).length === 1, "a ticket for Noel");
      expect((await ticketsFor(page, notified))[0]?.event).toBe("userGainsAccess");
      expect(hasAccount(notified)).toBe(false);

      // Automatic, chosen with the keyboard only: arrow keys move within the event's radios.
      await gains.getByRole("radio", { name: "Notification" }).focus();
      await page.keyboard.press("ArrowRight");
      expect(await gains.getByRole("radio", { name: "Automatic" }).isChecked()).toBe(true);
      await save(page);
      expect(await settings(page)).toMatchObject({
        userGainsAccess: "automatic",
        pending: { userGainsAccess: 2 },
      });

      // The past is not acted on silently: it is pending, in words, until "Apply now".
      const pending = page.getByRole("alert", { name: "Changes from before automatic mode are waiting" });
      await pending.waitFor();
      expect(await pending.textContent()).toContain(`2 users have access but no account in ${APP}`);
      await shot(page, "settings-pending");
      await grantAccess(page, appId, automatic.id);
      await eventually(() => hasAccount(automatic), "Ava's account on the target");
      expect([hasAccount(manual), hasAccount(notified)]).toEqual([false, false]);

      await pending.getByRole("button", { name: "Apply now" }).click();
      await page.getByRole("status").filter({ hasText: "2 actions queued" }).waitFor();
      await eventually(
        () => hasAccount(manual) && hasAccount(notified),
        "the pending accounts on the target",
      );
      await pending.waitFor({ state: "detached" });

      // Reconcile now: a job followed to its end, recorded in the settings.
      await page.getByRole("button", { name: "Reconcile now" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${APP} reconciled` })
        .waitFor();
      expect((await settings(page)).lastReconciledAt).toEqual(expect.any(String));
      await page.getByText(/Last reconciled/).waitFor();
      await shot(page, "settings-automatic");
    });
  });

  it("charts the operations, filters the log to failures and shows a failed request's error", async () => {
    await withPage(rig.h, "activity", async (page) => {
      await logIn(page);
      rig.sim.failNext(1, "500", { method: "GET", pathPrefix: "/Users" });
      const { jobId } = await call<{ jobId: number }>(
        page,
        "POST",
        `/applications/${appId}/provisioning/accounts/refresh`,
      );
      await eventually(
        async () => (await call<{ state: string }>(page, "GET", `/jobs/${jobId}`)).state === "succeeded",
        "the accounts refresh",
      );
      const base = `/applications/${appId}/provisioning/activity`;
      const stats = await call<{ total: number; failed: number }>(page, "GET", `${base}/stats`);
      const failures = await call<{ total: number }>(page, "GET", `${base}?status=failed&pageSize=1`);
      expect(stats.failed).toBe(failures.total);
      expect(stats.failed).toBeGreaterThanOrEqual(1);

      await openSubTab(page, appId, APP, "Activity");
      const chart = page.getByRole("img", { name: /SCIM operations in the last 24 hours/ });
      expect(await chart.getAttribute("aria-label")).toBe(
        `SCIM operations in the last 24 hours: ${stats.total} operations, ${stats.failed} failed`,
      );
      const table = page.getByRole("table", { name: `SCIM activity of ${APP}` });
      await table.getByRole("cell", { name: "connection.verify" }).first().waitFor();
      await shot(page, "activity-all");

      // Caused by the automation: at least Ava's account, created on her "gains access" event.
      const rows = table.getByRole("row").filter({ has: page.getByRole("button", { name: /^Details of/ }) });
      const byEvents = await call<{ total: number }>(page, "GET", `${base}?actor=event&pageSize=1`);
      expect(byEvents.total).toBeGreaterThanOrEqual(1);
      await page.getByLabel("Actor").selectOption("event");
      await expect.poll(() => rows.count()).toBe(Math.min(byEvents.total, 25));
      expect(await table.getByText("admin", { exact: true }).count()).toBe(0);
      await page.getByLabel("Actor").selectOption("");

      await page.getByLabel("Outcome").selectOption("failed");
      await expect.poll(() => rows.count()).toBe(Math.min(failures.total, 25));
      expect(await table.getByText("OK", { exact: true }).count()).toBe(0);

      // The 500 of the refresh, expanded from the keyboard: its error and bodies.
      const failed = rows.filter({ hasText: "500" }).first();
      await failed.getByRole("button", { name: /^Details of GET/ }).focus();
      await page.keyboard.press("Enter");
      const detail = table.getByRole("alert").filter({ hasText: "Error" });
      await detail.waitFor();
      expect(await detail.textContent()).toMatch(/500/);
      expect(await table.getByText("Request body", { exact: true }).count()).toBe(1);
      await shot(page, "activity-failed-detail");
    });
  });

  it("sets the other three events to Automatic and the target follows each change", async () => {
    await withPage(rig.h, "settings-automatic-events", async (page) => {
      await logIn(page);
      const app = "Ledger";
      const id = await connectedApp(page, rig.sim, app);
      const base = `/applications/${id}/provisioning`;
      const [leaver, sleeper, renamed] = [
        await createUser(page, "Lea", "Leaver"),
        await createUser(page, "Sam", "Sleeper"),
        await createUser(page, "Rey", "Renamed"),
      ];
      // Each has access and an account made by hand (every event still Manual).
      for (const u of [leaver, sleeper, renamed]) {
        await grantAccess(page, id, u.id);
        await call(page, "POST", `${base}/access/${u.id}/create-account`);
      }
      const account = (u: SeedUser) => rig.sim.users().find((a) => a.userName === u.email);
      expect([leaver, sleeper, renamed].every((u) => account(u)?.active === true)).toBe(true);

      await openSubTab(page, id, app, "Settings");
      for (const event of [
        "A user loses access to the application",
        "A SmartLink user is deactivated",
        "User metadata is updated",
      ]) {
        await page.getByRole("radiogroup", { name: event }).getByRole("radio", { name: "Automatic" }).check();
      }
      const unsaved = page.getByText("Unsaved changes", { exact: true });
      await page.getByRole("button", { name: "Save" }).click();
      await unsaved.waitFor({ state: "detached" });
      expect(await call(page, "GET", `${base}/settings`)).toMatchObject({
        userGainsAccess: "manual",
        userLosesAccess: "automatic",
        userDeactivated: "automatic",
        userUpdated: "automatic",
      });

      // Loses access → the account is deleted; deactivated → deactivated; renamed → updated.
      await call(page, "DELETE", `/applications/${id}/users/${leaver.id}`);
      await call(page, "POST", `/users/${sleeper.id}/deactivate`);
      await call(page, "PATCH", `/users/${renamed.id}`, { lastName: "Ramirez", displayName: "Rey Ramirez" });
      await eventually(() => account(leaver) === undefined, "Lea's account deleted in the target");
      await eventually(() => account(sleeper)?.active === false, "Sam's account deactivated in the target");
      await eventually(
        () =>
          account(renamed)?.name?.familyName === "Ramirez" && account(renamed)?.displayName === "Rey Ramirez",
        "Rey's account renamed in the target",
      );
      expect(account(renamed)?.active).toBe(true);
    });
  });
});
