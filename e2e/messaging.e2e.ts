/**
 * The Messaging inbox in a real browser against the real server (with the job worker) and the SCIM
 * target simulator: with "A user gains access" on Notification, two grants raise two tickets; the
 * navbar counts them; one is resolved with its one-click action (from the keyboard) and the account
 * then exists in the target; the other is read and dismissed and no account is created; a third
 * fails while the target refuses (in words, the ticket stays open) and succeeds once it works. The
 * count goes down after each. Run with `npm run build:web && npm run test:e2e`.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScimUser } from "../tools/scim-target/types.js";
import { logIn, shot, withPage } from "./harness.js";
import {
  call,
  connectedApp,
  createUser,
  eventually,
  grantAccess,
  type Rig,
  startRig,
} from "./provisioning-fixture.js";

interface Ticket {
  id: number;
  userId: string | null;
  status: "open" | "resolved" | "dismissed";
  read: boolean;
}

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});

afterAll(async () => {
  await rig?.close();
});

const ticketsOf = async (page: Page, appId: string) =>
  (await call<{ items: Ticket[] }>(page, "GET", `/tickets?applicationId=${appId}&pageSize=50`)).items;

const ticketOf = async (page: Page, appId: string, userId: string) => {
  const t = (await ticketsOf(page, appId)).find((x) => x.userId === userId);
  if (!t) throw new Error(`no ticket for user ${userId}`);
  return t;
};

const hasAccount = (users: ScimUser[], email: string) =>
  users.some((u) => u.userName === email || (u.emails ?? []).some((e) => e.value === email));

describe("messaging inbox", () => {
  it("resolves tickets with their one-click action, reports a failure, dismisses, counts unread", async () => {
    await withPage(rig.h, "messaging", async (page) => {
      await logIn(page);
      const appId = await connectedApp(page, rig.sim, "Slack");
      await call(page, "PUT", `/applications/${appId}/provisioning/settings`, {
        userGainsAccess: "notification",
      });
      const ada = await createUser(page, "Ada", "Lovelace");
      const alan = await createUser(page, "Alan", "Turing");
      const grace = await createUser(page, "Grace", "Hopper");
      for (const u of [ada, alan, grace]) await grantAccess(page, appId, u.id);
      await eventually(async () => (await ticketsOf(page, appId)).length === 3, "three tickets");

      // The navbar counts both (a fresh page load asks at once rather than at the next poll).
      await page.reload();
      const nav = page.getByRole("navigation", { name: "Main navigation" });
      await nav.getByRole("link", { name: "Messaging, 3 unread" }).click();
      await page.waitForURL(/\/messaging$/);
      await page.getByRole("heading", { name: "Messaging", level: 2 }).waitFor();

      const adaCard = page.getByRole("article", { name: `${ada.email} gained access to Slack` });
      const alanCard = page.getByRole("article", { name: `${alan.email} gained access to Slack` });
      const graceCard = page.getByRole("article", { name: `${grace.email} gained access to Slack` });
      await adaCard.waitFor();
      await alanCard.waitFor();
      const adaText = await adaCard.textContent();
      expect(adaText).toContain("Slack");
      expect(adaText).toContain("Access granted");
      expect(adaText).toContain("Unread");
      expect(adaText).toContain(`One-click action: Create ${ada.email}'s account in Slack`);
      const byHand = adaCard.getByRole("link", { name: "Open Slack › Provisioning › Access" });
      expect(await byHand.getAttribute("href")).toBe(`/applications/${appId}?tab=provisioning&sub=access`);
      expect(hasAccount(rig.sim.users(), ada.email)).toBe(false);
      await shot(page, "messaging-open");

      // The target refuses: the failure is shown in words and the ticket stays open (and read).
      rig.sim.failNext(1000, "500", { method: "POST", pathPrefix: "/Users" });
      await graceCard.getByRole("button", { name: "Create the account" }).click();
      await page.getByRole("alert").filter({ hasText: "The action failed" }).waitFor({ timeout: 30_000 });
      await graceCard.getByText(/^The last attempt failed: /).waitFor();
      const failed = await ticketOf(page, appId, grace.id);
      expect(failed).toMatchObject({ status: "open", read: true });
      expect(hasAccount(rig.sim.users(), grace.email)).toBe(false);
      await nav.getByRole("link", { name: "Messaging, 2 unread" }).waitFor({ timeout: 8_000 });
      await shot(page, "messaging-failed");
      rig.sim.reset(); // the target works again

      // Resolve Ada's ticket from the keyboard: the account is created in the target.
      const create = adaCard.getByRole("button", { name: "Create the account" });
      await create.focus();
      await page.keyboard.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: `Performed: Create ${ada.email}'s account in Slack.` })
        // The server answers once the job ran (it waits up to 20 s for it); CPUs may be busy.
        .waitFor({ timeout: 30_000 });
      await eventually(() => hasAccount(rig.sim.users(), ada.email), "Ada's account in the simulator");
      expect((await ticketOf(page, appId, ada.id)).status).toBe("resolved");
      await adaCard.waitFor({ state: "detached" });
      // Refreshed by the action itself, before the next 10 s poll.
      await nav.getByRole("link", { name: "Messaging, 1 unread" }).waitFor({ timeout: 8_000 });

      // Expanding Alan's ticket (keyboard) marks it read; Tab reaches Dismiss; nothing is created.
      await alanCard.getByRole("button", { name: `${alan.email} gained access to Slack` }).focus();
      await page.keyboard.press("Enter");
      await alanCard.getByText("The user gained access to the application.").waitFor();
      await eventually(async () => (await ticketOf(page, appId, alan.id)).read, "Alan's ticket read");
      await nav.getByRole("link", { name: "Messaging", exact: true }).waitFor({ timeout: 8_000 });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await page.locator(":focus").textContent()).toBe("Dismiss");
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Dismissed:" }).waitFor();
      await alanCard.waitFor({ state: "detached" });
      expect((await ticketOf(page, appId, alan.id)).status).toBe("dismissed");
      expect(hasAccount(rig.sim.users(), alan.email)).toBe(false);

      // Grace's ticket, tried again once the target works: performed.
      await graceCard.getByRole("button", { name: "Create the account" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Performed: Create ${grace.email}'s account in Slack.` })
        .waitFor({ timeout: 30_000 });
      expect(hasAccount(rig.sim.users(), grace.email)).toBe(true);
      expect((await ticketOf(page, appId, grace.id)).status).toBe("resolved");
      await page.getByText("Nothing to do.").waitFor();

      // All: both closed tickets, with how they were closed.
      const statusFilter = page.getByRole("radiogroup", { name: "Status" });
      await statusFilter.getByText("All", { exact: true }).click();
      expect(await statusFilter.getByRole("radio", { name: "All" }).isChecked()).toBe(true);
      await adaCard.getByText("Resolved", { exact: true }).waitFor();
      await alanCard.getByText("Dismissed", { exact: true }).waitFor();
      expect(await alanCard.textContent()).toContain("Dismissed by an admin");
      expect(await adaCard.getByRole("button", { name: "Create the account" }).count()).toBe(0);
      await shot(page, "messaging-after");
    });
  });
});
