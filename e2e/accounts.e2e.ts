/**
 * The Provisioning → Accounts sub-tab in a real browser against the real server and the SCIM
 * target simulator: the empty state, Refresh with its progress bar, search, suggested matches
 * accepted in bulk, Create a membership, Associate a membership through the user picker (its menu
 * driven from the keyboard), Delete, and a refusal shown in words. Every action is checked on what
 * the server or the target then holds, not only on the page.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, shot, withPage } from "./harness.js";
import {
  call,
  connectedApp,
  createUser,
  eventually,
  openSubTab,
  type Rig,
  startRig,
  TOKEN,
} from "./provisioning-fixture.js";

const APP = "Atlas";
/** Enough accounts, read 5 per page with some latency, for the progress bar to be seen. */
const FILLERS = 40;

interface AccountJson {
  id: string;
  userName: string;
  linkedUser: { id: string; email: string | null } | null;
}

let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ target: { latencyMs: 60, maxPageSize: 5 } });
  const people: [string, string, string][] = [
    ["alovelace", "Ada L.", "ada@atlas.example"],
    ["alan.turing@example.test", "Alan Turing", "alan.turing@example.test"],
    ["grace.hopper@example.test", "Grace Hopper", "grace.hopper@example.test"],
    ["hedy", "Hedy Lamarr", "hedy.lamarr@example.test"],
    ["katherine.johnson@example.test", "Katherine Johnson", "katherine.johnson@example.test"],
    ["mallory@example.test", "Mallory Mal", "mallory@example.test"],
  ];
  rig.sim.seedUsers(people.length, (i) => {
    const [userName, displayName, email] = people[i] as [string, string, string];
    const [givenName, familyName] = displayName.split(" ");
    return {
      userName,
      displayName,
      name: { givenName, familyName },
      emails: [{ value: email, type: "work", primary: true }],
    };
  });
  rig.sim.seedUsers(FILLERS, (i) => ({ userName: `zz-filler${String(i).padStart(2, "0")}@atlas.example` }));
});

afterAll(async () => {
  await rig?.close();
});

/** Linked accounts as the server reports them, by userName. */
async function linked(page: Page, appId: string): Promise<Map<string, string | null>> {
  const res = await call<{ items: AccountJson[] }>(
    page,
    "GET",
    `/applications/${appId}/provisioning/accounts?filter=linked&pageSize=100`,
  );
  return new Map(res.items.map((a) => [a.userName, a.linkedUser?.email ?? null]));
}

/** Narrows the table with the search box and answers the one row left. */
async function findRow(page: Page, table: Locator, text: string): Promise<Locator> {
  await page.getByRole("textbox", { name: "Search" }).fill(text);
  const row = table.getByRole("row").filter({ hasText: text });
  await expect.poll(() => table.getByRole("row").count()).toBe(2);
  await row.waitFor();
  return row;
}

const success = (page: Page, text: string | RegExp) =>
  page.getByRole("status").filter({ hasText: text }).first().waitFor();

describe("provisioning accounts", () => {
  it("refreshes, accepts suggestions, creates, associates and deletes accounts, checked on the target, and explains a refusal", async () => {
    await withPage(rig.h, "accounts", async (page) => {
      await logIn(page);
      const appId = await connectedApp(page, rig.sim, APP);
      // No scheduled reconciliation: it would read the snapshot before the Refresh this test clicks.
      await call(page, "PUT", `/applications/${appId}/provisioning/settings`, { reconcileMinutes: null });
      const ada = await createUser(page, "Ada", "Lovelace");
      await createUser(page, "Alan", "Turing");
      await createUser(page, "Grace", "Hopper");
      await createUser(page, "Hedy", "Lamarr");
      await openSubTab(page, appId, APP, "Accounts");
      const table = page.getByRole("table", { name: `Accounts in ${APP}` });

      // Nothing read yet: the empty state says what to do.
      await table.getByText("Click Refresh to read them").waitFor();
      expect(await page.getByText(`Last read from ${APP}:`).count()).toBe(0);
      await shot(page, "accounts-empty");

      // Refresh: a progress bar while the job reads, then the rows.
      await page.getByRole("button", { name: "Refresh" }).click();
      await page.getByRole("progressbar", { name: `Reading the accounts of ${APP}` }).waitFor();
      await shot(page, "accounts-refreshing");
      await success(page, `Read ${6 + FILLERS} accounts from ${APP}`);
      await table.getByRole("cell", { name: "alovelace", exact: true }).waitFor();
      expect(await table.getByRole("img", { name: "No SmartLink user" }).count()).toBeGreaterThan(0);
      await page.getByText(`Last read from ${APP}:`).waitFor();
      await page.getByText(`${6 + FILLERS} items`).waitFor();
      await page.getByRole("button", { name: "Page 3" }).waitFor();

      // Suggested matches (by userName or email): one accepted alone, then the rest at once.
      const suggestions = page.getByRole("table", { name: "Suggested matches" });
      await page.getByRole("heading", { name: "Suggested matches (3)" }).waitFor();
      const hedy = suggestions.getByRole("row").filter({ hasText: "hedy.lamarr@example.test" });
      expect(await hedy.getByRole("cell", { name: "same email" }).count()).toBe(1);
      await shot(page, "accounts-list");
      await hedy.getByRole("button", { name: "Associate hedy with hedy.lamarr@example.test" }).click();
      await success(page, "Associated 1 account with its suggested SmartLink user");
      await page.getByRole("heading", { name: "Suggested matches (2)" }).waitFor();
      expect((await linked(page, appId)).get("hedy")).toBe("hedy.lamarr@example.test");
      await page.getByRole("button", { name: "Associate all suggested" }).click();
      await success(page, "Associated 2 accounts");
      await suggestions.waitFor({ state: "detached" });
      const afterBulk = await linked(page, appId);
      expect(afterBulk.get("grace.hopper@example.test")).toBe("grace.hopper@example.test");
      expect(afterBulk.get("alan.turing@example.test")).toBe("alan.turing@example.test");

      // Create a membership: the dialog shows what will be created; the user then exists, linked.
      let row = await findRow(page, table, "katherine.johnson");
      await row.getByRole("button", { name: "Actions for katherine.johnson@example.test" }).click();
      await page.getByRole("menuitem", { name: "Create a membership" }).click();
      const create = page.getByRole("dialog", {
        name: "Create a membership from katherine.johnson@example.test",
      });
      await create
        .getByRole("table", { name: "What will be created" })
        .getByText("Katherine Johnson")
        .waitFor();
      await shot(page, "accounts-create-membership");
      await create.getByRole("button", { name: "Create the user" }).click();
      await success(page, "Created the SmartLink user Katherine Johnson (katherine.johnson@example.test)");
      const found = await call<{ items: { email: string }[] }>(page, "GET", "/users?search=katherine");
      expect(found.items.map((u) => u.email)).toEqual(["katherine.johnson@example.test"]);
      expect((await linked(page, appId)).get("katherine.johnson@example.test")).toBe(
        "katherine.johnson@example.test",
      );
      const icon = row.getByRole("img", { name: "Associated with Katherine Johnson" });
      await icon.hover();
      await page
        .getByRole("tooltip")
        .filter({ hasText: "Katherine Johnson · katherine.johnson@example.test" })
        .waitFor();
      // A linked account cannot be associated again: the reason is in the menu.
      await row.getByRole("button", { name: "Actions for katherine.johnson@example.test" }).click();
      const blocked = page.getByRole("menuitem", { name: /^Associate a membership\s*already associated/ });
      expect(await blocked.isDisabled()).toBe(true);
      await page.keyboard.press("Escape");

      // Associate a membership, the menu driven from the keyboard, the user found with the picker.
      row = await findRow(page, table, "alovelace");
      await row.getByRole("button", { name: "Actions for alovelace" }).focus();
      await page.keyboard.press("Enter");
      const target = page.getByRole("menuitem", { name: "Associate a membership" });
      await target.waitFor();
      for (
        let i = 0;
        i < 4 && (await page.locator(":focus").textContent()) !== "Associate a membership";
        i++
      ) {
        await page.keyboard.press("ArrowDown");
      }
      expect(await page.locator(":focus").textContent()).toBe("Associate a membership");
      await page.keyboard.press("Enter");
      const associate = page.getByRole("dialog", { name: "Associate a membership with alovelace" });
      const picker = associate.locator("input").and(associate.getByLabel("SmartLink user"));
      await picker.click();
      await picker.fill("Lovelace");
      await page.getByRole("option", { name: "Ada Lovelace (ada.lovelace@example.test)" }).click();
      await shot(page, "accounts-associate");
      await associate.getByRole("button", { name: "Associate" }).click();
      await success(
        page,
        `ada.lovelace@example.test is now associated with alovelace, and given access to ${APP}`,
      );
      expect((await linked(page, appId)).get("alovelace")).toBe(ada.email);
      await row.getByRole("img", { name: "Associated with Ada Lovelace" }).waitFor();

      // The "Associated" filter lists exactly the five accounts linked so far, each with its icon.
      await page.getByRole("textbox", { name: "Search" }).fill("");
      await page.getByText("Associated", { exact: true }).click();
      await expect.poll(() => table.getByRole("row").count()).toBe(6);
      expect(await table.getByRole("img", { name: /^Associated with / }).count()).toBe(5);
      await shot(page, "accounts-associated");
      await page.getByText("All", { exact: true }).click();

      // Delete: confirmed, naming the account and the application; gone from the target.
      row = await findRow(page, table, "mallory");
      await row.getByRole("button", { name: "Actions for mallory@example.test" }).click();
      await page.getByRole("menuitem", { name: "Delete" }).click();
      const confirm = page.getByRole("dialog", { name: `Delete mallory@example.test from ${APP}?` });
      await confirm.getByText(`This deletes the account mallory@example.test in ${APP} itself`).waitFor();
      await shot(page, "accounts-delete-confirm");
      await confirm.getByRole("button", { name: "Delete" }).click();
      await success(page, `Deleted mallory@example.test from ${APP}`);
      await eventually(
        () => !rig.sim.users().some((u) => u.userName === "mallory@example.test"),
        "mallory deleted in the target",
      );
      await table.getByText("No accounts match.").waitFor();

      // A refusal in words: the account was deleted in the target since the list was read.
      const victim = rig.sim.users().find((u) => u.userName === "zz-filler00@atlas.example");
      const res = await fetch(`${rig.sim.url}/Users/${victim?.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(204);
      row = await findRow(page, table, "zz-filler00");
      await row.getByRole("button", { name: "Actions for zz-filler00@atlas.example" }).click();
      await page.getByRole("menuitem", { name: "Create a membership" }).click();
      const failing = page.getByRole("dialog", { name: /^Create a membership from zz-filler00/ });
      await failing.getByRole("button", { name: "Create the user" }).click();
      const alert = failing.getByRole("alert").filter({ hasText: "Could not create the membership" });
      await alert.getByText(`This account no longer exists in ${APP}`).waitFor();
      await shot(page, "accounts-error");
      const none = await call<{ items: unknown[] }>(page, "GET", "/users?search=zz-filler00");
      expect(none.items).toEqual([]);
      // Closed, the row shows the account as gone from the target.
      await failing.getByRole("button", { name: "Cancel" }).click();
      await row.getByText(`Gone from ${APP}`).waitFor();
    });
  });
});
