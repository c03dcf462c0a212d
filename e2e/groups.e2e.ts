/**
 * The Provisioning → Groups sub-tab in a real browser against the real server (with its job worker)
 * and the SCIM target simulator: the empty state, Refresh with its progress, search and filter,
 * then each row action — Create a folder, Associate a folder (driven from the keyboard), Delete —
 * checked against what the server and the target then hold, and refusals (a folder already
 * associated, the target failing, a group the target deleted) reported in words. Run with `npm run build:web && npm run test:e2e`.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, shot, withPage } from "./harness.js";
import {
  call,
  connectedApp,
  createFolder,
  createUser,
  eventually,
  openSubTab,
  type Rig,
  startRig,
  TOKEN,
} from "./provisioning-fixture.js";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});

afterAll(async () => {
  await rig?.close();
});

const APP = "Teamspace";

interface GroupRow {
  id: string;
  displayName: string;
  linkedFolder: { id: string; name: string } | null;
}

/** Waits for a job started through the API to succeed. */
async function finished(page: Page, jobId: number, what: string) {
  await eventually(
    async () => (await call<{ state: string }>(page, "GET", `/jobs/${jobId}`)).state === "succeeded",
    what,
  );
}

/** Two SmartLink users whose accounts in the target are linked to them, members of "Engineering". */
async function seed(page: Page, appId: string) {
  const users = [await createUser(page, "Ada", "Lovelace"), await createUser(page, "Grace", "Hopper")];
  rig.sim.seedUsers(users.length, (i) => ({
    userName: users[i]?.email,
    emails: [{ value: users[i]?.email, primary: true }],
  }));
  const accounts = rig.sim.users();
  const refresh = await call<{ jobId: number }>(
    page,
    "POST",
    `/applications/${appId}/provisioning/accounts/refresh`,
  );
  await finished(page, refresh.jobId, "the accounts refresh");
  const linked = await call<{ associated: number }>(
    page,
    "POST",
    `/applications/${appId}/provisioning/accounts/associate-suggested`,
    {},
  );
  expect(linked.associated).toBe(2);
  const names = ["Engineering", "Marketing", "Sales", "Support"];
  rig.sim.seedGroups(names.length, (i) => ({
    displayName: names[i],
    members: i === 0 ? accounts.map((a) => ({ value: a.id })) : [],
  }));
}

const groupsTable = (page: Page) => page.getByRole("table", { name: `Groups in ${APP}` });

/** The table row of the group `name` (its text starts with the Group cell). */
const rowOf = (page: Page, name: string): Locator =>
  groupsTable(page)
    .getByRole("row")
    .filter({ hasText: new RegExp(`^${name}`) });

/** Opens "Actions for {name}" with the mouse and clicks `item`. */
async function rowAction(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/** The text of the element that has the keyboard focus (the e2e code has no DOM types). */
const focusedText = (page: Page) =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }
    ).document;
    return doc.activeElement?.textContent?.trim() ?? null;
  });

/** The group as the server lists it. */
async function groupNamed(page: Page, appId: string, name: string): Promise<GroupRow | undefined> {
  const list = await call<{ items: GroupRow[] }>(
    page,
    "GET",
    `/applications/${appId}/provisioning/groups?search=${encodeURIComponent(name)}`,
  );
  return list.items.find((g) => g.displayName === name);
}

describe("provisioning groups", () => {
  it("reads the target's groups, creates and associates folders, deletes a group and reports each refusal in words", async () => {
    await withPage(rig.h, "groups", async (page) => {
      await logIn(page);
      const appId = await connectedApp(page, rig.sim, APP);
      await seed(page, appId);
      const fieldTeam = await createFolder(page, "Field team");
      await openSubTab(page, appId, APP, "Groups");

      // Nothing read yet: the empty state says what to do.
      await page.getByText(`No groups read from ${APP} yet: click Refresh to read them.`).waitFor();
      await shot(page, "groups-empty");

      // Refresh: a job, then the table reloads with the target's groups.
      await page.getByRole("button", { name: "Refresh" }).click();
      await page.getByText(`Read 4 groups from ${APP}.`).waitFor();
      await rowOf(page, "Support").waitFor();
      expect(await rowOf(page, "Engineering").getByRole("cell", { name: "2", exact: true }).count()).toBe(1);
      expect(await rowOf(page, "Sales").getByRole("cell", { name: "None", exact: true }).count()).toBe(1);
      await page.getByText(`Last read from ${APP}:`).waitFor();
      await shot(page, "groups-read");

      // Create a folder from Engineering: a folder with its two linked members and the application.
      await rowAction(page, "Engineering", "Create a folder");
      await page.getByText('Created the folder "Engineering" with 2 members.').waitFor();
      const folders = await call<{ items: { id: string; name: string }[] }>(
        page,
        "GET",
        "/folders?search=Engineering",
      );
      const engineering = folders.items.find((f) => f.name === "Engineering");
      expect(engineering).toBeDefined();
      const members = await call<{ total: number }>(page, "GET", `/folders/${engineering?.id}/members`);
      expect(members.total).toBe(2);
      const apps = await call<{ items: { id: string }[] }>(
        page,
        "GET",
        `/folders/${engineering?.id}/applications`,
      );
      expect(apps.items.map((a) => a.id)).toContain(appId);
      expect((await groupNamed(page, appId, "Engineering"))?.linkedFolder?.id).toBe(engineering?.id);
      const folderLink = rowOf(page, "Engineering").getByRole("link", { name: "Engineering" });
      await folderLink.waitFor();
      expect(await folderLink.getAttribute("href")).toBe(`/folders/${engineering?.id}`);

      // A linked group cannot get another folder: both actions are off, saying why.
      await page.getByRole("button", { name: "Actions for Engineering" }).click();
      const off = page.getByRole("menuitem", {
        name: /^Create a folder\s*already associated with "Engineering"/,
      });
      await off.waitFor();
      expect(await off.isDisabled()).toBe(true);
      await shot(page, "groups-menu-linked");
      await page.keyboard.press("Escape");
      await off.waitFor({ state: "hidden" });

      // Associate a folder with Marketing, the row menu driven from the keyboard.
      await page.getByRole("button", { name: "Actions for Marketing" }).focus();
      await page.keyboard.press("Enter");
      const associateItem = page.getByRole("menuitem", { name: "Associate a folder", exact: true });
      await associateItem.waitFor();
      for (let i = 0; i < 4 && (await focusedText(page)) !== "Associate a folder"; i++) {
        await page.keyboard.press("ArrowDown");
      }
      expect(await focusedText(page)).toBe("Associate a folder");
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: 'Associate a folder with "Marketing"' });
      await dialog.waitFor();
      const picker = dialog.locator("input").and(dialog.getByLabel("Folder"));
      await picker.click();
      await picker.fill("Field");
      await page.getByRole("option", { name: "Field team" }).click();
      await shot(page, "groups-associate");
      await dialog.getByRole("button", { name: "Associate" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page
        .getByText(`The folder "Field team" is now associated with "Marketing", and ${APP} was added`)
        .waitFor();
      expect((await groupNamed(page, appId, "Marketing"))?.linkedFolder).toEqual({
        id: fieldTeam.id,
        name: "Field team",
      });
      await rowOf(page, "Marketing").getByRole("link", { name: "Field team" }).waitFor();

      // A folder already associated with a group is refused in the dialog, in the server's words.
      await rowAction(page, "Sales", "Associate a folder");
      const again = page.getByRole("dialog", { name: 'Associate a folder with "Sales"' });
      const picker2 = again.locator("input").and(again.getByLabel("Folder"));
      await picker2.click();
      await picker2.fill("Field");
      await page.getByRole("option", { name: "Field team" }).click();
      await again.getByRole("button", { name: "Associate" }).click();
      const refused = again.getByRole("alert").filter({ hasText: "Could not associate the folder" });
      await refused.waitFor();
      expect(await refused.textContent()).toContain(
        'The folder "Field team" is already associated with another group',
      );
      await again.getByRole("button", { name: "Cancel" }).click();
      await again.waitFor({ state: "hidden" });
      expect((await groupNamed(page, appId, "Sales"))?.linkedFolder).toBeNull();

      // Search and filter are done by the server.
      await page.getByLabel("Search").fill("sup");
      await expect.poll(() => groupsTable(page).getByRole("row").count()).toBe(2);
      await rowOf(page, "Support").waitFor();
      await shot(page, "groups-search");
      await page.getByLabel("Search").fill("");
      await page.getByText("With a folder", { exact: true }).click();
      expect(await page.getByRole("radio", { name: "With a folder" }).isChecked()).toBe(true);
      await expect.poll(() => groupsTable(page).getByRole("row").count()).toBe(3);
      expect(await rowOf(page, "Sales").count()).toBe(0);
      await page.getByText("All", { exact: true }).click();
      await rowOf(page, "Sales").waitFor();

      // The target failing the delete (after the client's retries): said in words, the group stays.
      rig.sim.failNext(3, "500", { method: "DELETE", pathPrefix: "/Groups" });
      await rowAction(page, "Sales", "Delete");
      await page
        .getByRole("dialog", { name: `Delete Sales from ${APP}?` })
        .getByRole("button", { name: "Delete" })
        .click();
      const failed = page.getByRole("alert").filter({ hasText: `Could not delete "Sales" from ${APP}` });
      await failed.waitFor();
      expect(await failed.textContent()).toContain(`${APP} did not answer properly`);
      expect(rig.sim.groups().some((g) => g.displayName === "Sales")).toBe(true);
      await failed.getByRole("button").click();

      // Delete Sales: confirmed, then gone from the target and the table.
      await rowAction(page, "Sales", "Delete");
      const confirm = page.getByRole("dialog", { name: `Delete Sales from ${APP}?` });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain(`deletes the group "Sales" in ${APP} itself`);
      await shot(page, "groups-delete-confirm");
      await confirm.getByRole("button", { name: "Delete" }).click();
      await page.getByText(`Deleted "Sales" from ${APP}.`).waitFor();
      await eventually(
        () => !rig.sim.groups().some((g) => g.displayName === "Sales"),
        "Sales deleted in the target",
      );
      await rowOf(page, "Sales").waitFor({ state: "detached" });

      // A group deleted in the target meanwhile: the action fails in words and the row says so.
      const support = rig.sim.groups().find((g) => g.displayName === "Support");
      const gone = await fetch(`${rig.sim.url}/Groups/${support?.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(gone.status).toBe(204);
      await rowAction(page, "Support", "Create a folder");
      const error = page.getByRole("alert").filter({ hasText: "no longer exists" });
      await error.waitFor();
      expect(await error.textContent()).toContain('Could not create a folder from "Support"');
      await rowOf(page, "Support").getByText(`Deleted in ${APP}`).waitFor();
      const noFolder = await call<{ items: unknown[] }>(page, "GET", "/folders?search=Support");
      expect(noFolder.items).toHaveLength(0);
      await shot(page, "groups-linked");
    });
  });
});
