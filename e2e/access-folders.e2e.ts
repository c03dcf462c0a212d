/**
 * The Provisioning → Access and Folders sub-tabs in a real browser against the real server and the
 * SCIM target simulator: the "Present in {app}" column, "Create an account" (by keyboard, by mouse,
 * and the target's 409 answered by associating the existing account), cursor paging with
 * Next/Previous, search; then "Create a group" and "Sync members". Every action is checked on what
 * the simulator then holds. Run with `npm run build:web && npm run test:e2e`.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, shot, withPage } from "./harness.js";
import {
  addAppToFolder,
  addMember,
  call,
  connectedApp,
  createFolder,
  createUser,
  eventually,
  grantAccess,
  openSubTab,
  type Rig,
  startRig,
} from "./provisioning-fixture.js";

let rig: Rig;

// No job worker: the first scheduled reconciliation would read the target's accounts into the
// snapshot at a moment of its choosing, and the tests seed the target behind SmartLink's back.
beforeAll(async () => {
  rig = await startRig({ worker: false });
});

afterAll(async () => {
  await rig?.close();
});

/** The toast that says an action succeeded, containing `text`. */
const toast = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

/** The table row holding `text` (an email, a folder name). */
const rowOf = (page: Page, table: string, text: string) =>
  page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: text });

/** The "Present in …" cell of a row: the third cell on Access, the second on Folders. */
const presentCell = (page: Page, table: string, text: string, index: number) =>
  rowOf(page, table, text).getByRole("cell").nth(index);

const isFocused = (page: Page, name: string) =>
  page.getByRole("menuitem", { name }).evaluate((el) => el === el.ownerDocument.activeElement);

const accountOf = (email: string) => rig.sim.users().find((u) => u.userName === email);

describe("provisioning access and folders", () => {
  it("lists users with access and how, creates accounts from the row menu, and pages by cursor", async () => {
    await withPage(rig.h, "access-folders-access", async (page) => {
      await logIn(page);
      const app = "Acme CRM";
      const table = `Users with access to ${app}`;
      const appId = await connectedApp(page, rig.sim, app);
      const ada = await createUser(page, "Ada", "Lovelace");
      const bob = await createUser(page, "Bob", "Byte");
      const cy = await createUser(page, "Cy", "Conflict");
      const sales = await createFolder(page, "Sales");
      await grantAccess(page, appId, ada.id);
      await addAppToFolder(page, sales.id, appId);
      await addMember(page, sales.id, bob.id);
      await addMember(page, sales.id, cy.id);
      await grantAccess(page, appId, cy.id);
      // Enough users with access for a second page (20 a page), all after "cy…" by email.
      const more = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createUser(page, "Zed", `Number${String(i).padStart(2, "0")}`)),
      );
      await Promise.all(more.map((u) => grantAccess(page, appId, u.id)));
      // The target already holds an account for Cy that SmartLink has not seen (no refresh yet).
      rig.sim.seedUsers(1, () => ({ userName: cy.email, displayName: "Cy (pre-existing)" }));

      await openSubTab(page, appId, app, "Access");
      await page.getByRole("columnheader", { name: `Present in ${app}` }).waitFor();
      await rowOf(page, table, ada.email).waitFor();
      expect(await presentCell(page, table, ada.email, 2).textContent()).toMatch(/^No/);
      expect(await rowOf(page, table, ada.email).getByRole("cell").nth(1).textContent()).toBe("Direct");
      expect(await rowOf(page, table, bob.email).getByRole("cell").nth(1).textContent()).toBe(
        "Folder: Sales",
      );
      const cyAccess = await rowOf(page, table, cy.email).getByRole("cell").nth(1).textContent();
      expect(cyAccess).toContain("Direct");
      expect(cyAccess).toContain("Folder: Sales");
      expect(await page.getByText("23 users with access · page 1 of 2").count()).toBe(1);
      await shot(page, "access-list");

      // Create an account for Ada entirely from the keyboard.
      expect(accountOf(ada.email)).toBeUndefined();
      await page.getByRole("button", { name: "Actions for Ada Lovelace" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("menu").waitFor();
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => isFocused(page, "Create an account")).toBe(true);
      await page.keyboard.press("Enter");
      await toast(page, `Created the account of Ada Lovelace (${ada.email}) in ${app}`).waitFor();
      await eventually(() => accountOf(ada.email) !== undefined, "Ada's account in the target");
      const account = accountOf(ada.email);
      expect(account?.emails?.some((e) => e.value === ada.email)).toBe(true);
      await expect.poll(() => presentCell(page, table, ada.email, 2).textContent()).toMatch(/^Yes/);
      await shot(page, "access-created");

      // Now present: the action is disabled and says why.
      await page.getByRole("button", { name: "Actions for Ada Lovelace" }).click();
      const disabled = page.getByRole("menuitem", {
        name: new RegExp(`^Create an account\\s*already present in ${app}`),
      });
      expect(await disabled.isDisabled()).toBe(true);
      await page.keyboard.press("Escape");
      await page.getByRole("menu").waitFor({ state: "hidden" });

      // Bob (through the folder) with the mouse.
      await page.getByRole("button", { name: "Actions for Bob Byte" }).click();
      await page.getByRole("menuitem", { name: "Create an account" }).click();
      await toast(page, "Created the account of Bob Byte").waitFor();
      await eventually(() => accountOf(bob.email) !== undefined, "Bob's account in the target");

      // Cy: the target answers 409, and the existing account is associated instead of a second one.
      await page.getByRole("button", { name: "Actions for Cy Conflict" }).click();
      await page.getByRole("menuitem", { name: "Create an account" }).click();
      await toast(page, `${app} already had an account for Cy Conflict`).waitFor();
      expect(rig.sim.users().filter((u) => u.userName === cy.email)).toHaveLength(1);
      await expect.poll(() => presentCell(page, table, cy.email, 2).textContent()).toMatch(/^Yes/);
      const rows = await call<{ items: { user: { id: string }; presence: string; accountId: string }[] }>(
        page,
        "GET",
        `/applications/${appId}/provisioning/access?search=conflict`,
      );
      expect(rows.items[0]).toMatchObject({ presence: "linked", accountId: accountOf(cy.email)?.id });

      // Next asks for the page after the cursor; Previous comes back.
      const next = page.waitForRequest(
        (r) => r.url().includes("/provisioning/access") && r.url().includes("after="),
      );
      await page.getByRole("button", { name: "Next page" }).click();
      await next;
      await page.getByText("page 2 of 2").waitFor();
      await rowOf(page, table, "zed.number19@").waitFor();
      expect(await rowOf(page, table, ada.email).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
      await page.getByRole("button", { name: "Previous page" }).click();
      await rowOf(page, table, ada.email).waitFor();

      // Search asks the server and starts again from the first page.
      await page.getByRole("textbox", { name: "Search" }).fill("byte");
      await expect.poll(() => page.getByRole("table", { name: table }).getByRole("row").count()).toBe(2);
      await page.getByText("1 user with access").waitFor();
    });
  });

  it("lists folders containing the application, creates a group and syncs its members", async () => {
    await withPage(rig.h, "access-folders-folders", async (page) => {
      await logIn(page);
      const app = "Beacon Wiki";
      const table = `Folders containing ${app}`;
      const appId = await connectedApp(page, rig.sim, app);
      const [dan, eve, fay] = [
        await createUser(page, "Dan", "Docs"),
        await createUser(page, "Eve", "Edits"),
        await createUser(page, "Fay", "Follows"),
      ];
      const eng = await createFolder(page, "Engineering");
      await addAppToFolder(page, eng.id, appId);
      await addMember(page, eng.id, dan.id);
      await addMember(page, eng.id, eve.id);
      await grantAccess(page, appId, fay.id);
      const accountIds = new Map<string, string>();
      for (const u of [dan, eve, fay]) {
        const r = await call<{ accountId: string }>(
          page,
          "POST",
          `/applications/${appId}/provisioning/access/${u.id}/create-account`,
        );
        accountIds.set(u.id, r.accountId);
      }

      await openSubTab(page, appId, app, "Folders");
      await page.getByRole("columnheader", { name: `Present in ${app}` }).waitFor();
      await rowOf(page, table, "Engineering").waitFor();
      expect(await presentCell(page, table, "Engineering", 1).textContent()).toMatch(/^No/);
      await shot(page, "folders-list");

      // The target fails (every retry): the error is said in words and nothing is linked.
      rig.sim.failNext(3, "500", { method: "POST", pathPrefix: "/Groups" });
      await page.getByRole("button", { name: "Actions for Engineering" }).click();
      await page.getByRole("menuitem", { name: "Create a group" }).click();
      const failure = page
        .getByRole("alert")
        .filter({ hasText: `Could not create the group “Engineering” in ${app}` });
      await failure.waitFor();
      expect(await failure.textContent()).toMatch(/500|server error|failed/i);
      expect(rig.sim.groups().some((g) => g.displayName === "Engineering")).toBe(false);
      expect(await presentCell(page, table, "Engineering", 1).textContent()).toMatch(/^No/);
      await shot(page, "folders-error");

      await page.getByRole("button", { name: "Actions for Engineering" }).click();
      await page.getByRole("menuitem", { name: "Create a group" }).click();
      await toast(page, `Created the group “Engineering” in ${app} with 2 members`).waitFor();
      const group = () => rig.sim.groups().find((g) => g.displayName === "Engineering");
      await eventually(() => group() !== undefined, "the Engineering group in the target");
      const membersOf = () => (group()?.members ?? []).map((m) => m.value).sort();
      expect(membersOf()).toEqual([accountIds.get(dan.id), accountIds.get(eve.id)].sort());
      await expect.poll(() => presentCell(page, table, "Engineering", 1).textContent()).toMatch(/^Yes/);
      expect(await presentCell(page, table, "Engineering", 1).textContent()).toContain("2 members");

      // Fay joins the folder; Sync members pushes her to the group.
      await addMember(page, eng.id, fay.id);
      await page.getByRole("button", { name: "Actions for Engineering" }).click();
      expect(
        await page
          .getByRole("menuitem", { name: new RegExp(`^Create a group\\s*already present in ${app}`) })
          .isDisabled(),
      ).toBe(true);
      await page.getByRole("menuitem", { name: "Sync members" }).click();
      await eventually(() => membersOf().length === 3, "three members in the Engineering group");
      expect(membersOf()).toEqual([...accountIds.values()].sort());
      await toast(
        page,
        `Synced the group “Engineering” in ${app}: 1 added, 0 removed, 3 members now`,
      ).waitFor();
      await expect
        .poll(() => presentCell(page, table, "Engineering", 1).textContent())
        .toContain("3 members");
      await shot(page, "folders-synced");
    });
  });
});
