/**
 * The console in a real browser against the real server: the path the product spec describes
 * (applications list → row actions → Edit → Provisioning tab) and effective access via a folder.
 * Run with `npm run build:web && npm run test:e2e`.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, logIn, startHarness, withPage } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

async function createApplication(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: "New application" }).click();
  const dialog = page.getByRole("dialog", { name: "New application" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("URL").fill(url);
  await dialog.getByRole("button", { name: "Create" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("table", { name: "Applications" }).getByRole("link", { name, exact: true }).waitFor();
}

/** Picks `optionText` in the searchable select labelled `label`, typing `search` first. */
async function pick(page: Page, label: string, search: string, optionText: string | RegExp): Promise<void> {
  const input = page.locator("input").and(page.getByLabel(label));
  await input.click();
  await input.fill(search);
  await page.getByRole("option", { name: optionText }).click();
  await expect.poll(() => input.inputValue()).toMatch(optionText);
}

describe("console", () => {
  it("opens an application's Provisioning tab from the list's row actions and shows the seven sub-tabs in spec order", async () => {
    await withPage(h, "provisioning-tabs", async (page) => {
      await logIn(page);
      await createApplication(page, "Payroll", "https://payroll.example.test");

      const row = page.getByRole("row", { name: /Payroll/ });
      await expect
        .poll(() => row.getByRole("cell").nth(1).textContent())
        .toBe("https://payroll.example.test");

      await page.getByRole("button", { name: "Actions for Payroll" }).click();
      await page.getByRole("menuitem", { name: "Edit" }).click();
      await page.waitForURL(/\/applications\/[^/?]+$/);
      await page.getByRole("heading", { name: "Payroll", level: 2 }).waitFor();
      expect(await page.getByLabel("Name").inputValue()).toBe("Payroll");

      await page.getByRole("tab", { name: "Provisioning" }).click();
      const subTabs = page.getByRole("tablist", { name: "Provisioning sections" }).getByRole("tab");
      await subTabs.first().waitFor();
      expect((await subTabs.allTextContents()).map((t) => t.trim())).toEqual([
        "Configuration",
        "Accounts",
        "Access",
        "Groups",
        "Folders",
        "Schema",
        "Settings",
        "Activity",
      ]);
      // Only Configuration is open until a SCIM connection works.
      await expect.poll(() => subTabs.nth(0).getAttribute("aria-selected")).toBe("true");
      for (let i = 1; i < 8; i++) expect(await subTabs.nth(i).isDisabled()).toBe(true);
      await page.getByRole("heading", { name: "Connect SmartLink to the SCIM endpoint" }).waitFor();
      // The connection form is open; the other sub-tabs wait for a working connection.
      await page.getByText("Not connected", { exact: true }).waitFor();
      expect(await page.getByLabel("Base URL").isDisabled()).toBe(false);
    });
  });

  it("shows a user in an application's Access section via the folder that contains both", async () => {
    await withPage(h, "access-via-folder", async (page) => {
      await logIn(page);
      await createApplication(page, "Expenses", "https://expenses.example.test");

      await page.getByRole("link", { name: "Users" }).click();
      await page.getByRole("button", { name: "New user" }).click();
      const userDialog = page.getByRole("dialog", { name: "New user" });
      await userDialog.getByLabel("Email").fill("ada@example.test");
      await userDialog.getByLabel("First name").fill("Ada");
      await userDialog.getByLabel("Last name").fill("Lovelace");
      await userDialog.getByLabel("Department").fill("Engineering");
      await userDialog.getByRole("button", { name: "Create" }).click();
      await userDialog.waitFor({ state: "hidden" });
      await page
        .getByRole("row", { name: /ada@example\.test/ })
        .getByText("Active")
        .waitFor();

      await page.getByRole("link", { name: "Folders" }).click();
      await page.getByRole("button", { name: "New folder" }).click();
      const folderDialog = page.getByRole("dialog", { name: "New folder" });
      await folderDialog.getByLabel("Name").fill("Finance");
      await folderDialog.getByLabel("Description").fill("Finance team tools");
      await folderDialog.getByRole("button", { name: "Create" }).click();
      await folderDialog.waitFor({ state: "hidden" });
      await page.getByRole("link", { name: "Finance", exact: true }).click();
      await page.getByRole("heading", { name: "Finance", level: 2 }).waitFor();

      await pick(page, "Add a member", "ada", /Ada Lovelace \(ada@example\.test\)/);
      const members = page.getByRole("region", { name: "Members" });
      await members.getByRole("button", { name: "Add" }).click();
      await members.getByRole("table").getByRole("cell", { name: "ada@example.test" }).waitFor();

      await pick(page, "Add an application", "Exp", /^Expenses$/);
      const apps = page.getByRole("region", { name: "Applications" });
      await apps.getByRole("button", { name: "Add" }).click();
      await apps.getByRole("table").getByRole("link", { name: "Expenses" }).click();

      await page.getByRole("heading", { name: "Expenses", level: 2 }).waitFor();
      const access = page.getByRole("region", { name: "Access" });
      const adaRow = access.getByRole("row", { name: /ada@example\.test/ });
      await adaRow.waitFor();
      expect(await adaRow.getByText("Folder: Finance").count()).toBe(1);
      expect(await adaRow.getByText("Direct", { exact: true }).count()).toBe(0);

      // A direct assignment adds a second path; removing it leaves the folder's.
      await pick(page, "Assign a user", "lovelace", /Ada Lovelace/);
      await access.getByRole("button", { name: "Assign" }).click();
      await adaRow.getByText("Direct", { exact: true }).waitFor();
      expect(await adaRow.getByText("Folder: Finance").count()).toBe(1);
      await access.getByRole("button", { name: "Actions for Ada Lovelace" }).click();
      await page.getByRole("menuitem", { name: "Remove direct access" }).click();
      await adaRow.getByText("Direct", { exact: true }).waitFor({ state: "detached" });
      expect(await adaRow.getByText("Folder: Finance").count()).toBe(1);
    });
  });
});
