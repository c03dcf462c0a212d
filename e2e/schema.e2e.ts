/**
 * The Provisioning → Schema sub-tab in a real browser against the real server and the SCIM target
 * simulator: the schema as highlighted JSON, collapsed and opened with the mouse and the keyboard,
 * searched with a match count, refreshed from the target; the attribute mapping editor refusing a
 * row the target's schema does not have (the server's issue on the row, nothing saved), saving a
 * valid one, and the target then receiving the mapped value on a new account.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, shot, withPage } from "./harness.js";
import {
  call,
  connectedApp,
  createUser,
  grantAccess,
  openSubTab,
  type Rig,
  startRig,
} from "./provisioning-fixture.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const DEPARTMENT = `${ENTERPRISE}:department`;

interface Mapping {
  user: { target: string; source: unknown }[];
  defaults: { target: string; source: unknown }[];
}

let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ worker: false });
});

afterAll(async () => {
  await rig?.close();
});

const tree = (page: Page) => page.getByRole("tree", { name: "SCIM schema" });
/** A node of the JSON tree by its JSON Pointer (tree items are named by their whole subtree). */
const node = (page: Page, pointer: string) =>
  tree(page).locator(`[role="treeitem"][data-value="${pointer}"]`);

/** A field's accessible description (where Mantine puts its error), as a screen reader reads it. */
const describedBy = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((ref: string) => el.ownerDocument.getElementById(ref)?.textContent ?? "")
      .join(" "),
  );

describe("provisioning schema", () => {
  it("shows the schema as highlighted, collapsible, searchable JSON and fetches it again", async () => {
    await withPage(rig.h, "schema-viewer", async (page) => {
      await logIn(page);
      const id = await connectedApp(page, rig.sim, "Wiki");
      await openSubTab(page, id, "Wiki", "Schema");

      // Highlighted: keys, strings, numbers and booleans each in their own colour.
      const schemas = node(page, "/schemas");
      await expect.poll(() => schemas.getAttribute("aria-expanded")).toBe("true");
      await tree(page).getByText('"urn:ietf:params:scim:schemas:core:2.0:User"').first().waitFor();
      const colours: Record<string, string | undefined> = {};
      for (const kind of ["key", "string", "number", "boolean"]) {
        colours[kind] = await tree(page)
          .locator(`[data-json="${kind}"]`)
          .first()
          .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color);
      }
      for (const kind of ["key", "string", "number", "boolean"]) expect(colours[kind]).toBeTruthy();
      expect(new Set([colours.key, colours.string, colours.number, colours.boolean]).size).toBe(4);
      await page.getByRole("heading", { name: "Attributes" }).waitFor();
      expect(await page.getByRole("table", { name: "User attributes", exact: true }).textContent()).toContain(
        "userName",
      );
      await shot(page, "schema-json");

      // Keyboard: Tab from "Collapse all" lands on the first tree item; Enter closes and opens it.
      await page.getByRole("button", { name: "Collapse all" }).focus();
      await page.keyboard.press("Tab");
      await expect.poll(() => schemas.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => schemas.getAttribute("aria-expanded")).toBe("false");
      expect(await node(page, "/schemas/0").count()).toBe(0); // closed subtrees are not rendered
      await page.keyboard.press("Enter");
      await expect.poll(() => schemas.getAttribute("aria-expanded")).toBe("true");

      // Mouse: Collapse all, then a click opens one node; Expand all shows every attribute.
      await page.getByRole("button", { name: "Collapse all" }).click();
      await expect.poll(() => tree(page).getByRole("treeitem").count()).toBe(3);
      await schemas.locator("> div").click();
      await expect.poll(() => schemas.getAttribute("aria-expanded")).toBe("true");
      await page.getByRole("button", { name: "Expand all" }).click();
      await tree(page).getByText('"givenName"').first().waitFor();

      // Search: the matches are marked and counted, the tree narrowed to them.
      await page.getByRole("button", { name: "Collapse all" }).click();
      await page.getByLabel("Search the schema").fill("userName");
      const count = page.getByRole("status").filter({ hasText: /match/ });
      await expect.poll(() => count.textContent()).toMatch(/^\d+ match(es)?$/);
      const n = Number((await count.textContent())?.split(" ")[0]);
      expect(n).toBeGreaterThan(0);
      expect(await tree(page).locator("mark").count()).toBe(n);
      expect((await tree(page).locator("mark").first().textContent())?.toLowerCase()).toBe("username");
      // The attribute's definition shows around the match.
      await tree(page).getByText('"readWrite"').first().waitFor();
      expect(await tree(page).getByText('"givenName"').count()).toBe(0);
      await shot(page, "schema-search");
      await page.getByLabel("Search the schema").fill("noSuchThingAnywhere");
      await expect.poll(() => count.textContent()).toBe("No match");
      await page.getByLabel("Search the schema").fill("");

      // Refresh schema reads the target's /Schemas again.
      rig.sim.clearRequests();
      await page.getByRole("button", { name: "Refresh schema" }).click();
      await page.getByText("The schema of Wiki is unchanged").waitFor();
      expect(rig.sim.requests.some((r) => r.method === "GET" && r.path.endsWith("/Schemas"))).toBe(true);
    });
  });

  it("saves a valid mapping, refuses one the schema lacks, and the target receives the mapped value", async () => {
    await withPage(rig.h, "schema-mapping", async (page) => {
      await logIn(page);
      const id = await connectedApp(page, rig.sim, "Payroll");
      const mappingPath = `/applications/${id}/provisioning/mapping`;
      const before = await call<Mapping>(page, "GET", mappingPath);
      await openSubTab(page, id, "Payroll", "Schema");
      const rows = page.getByRole("table", { name: "Attribute mapping" }).locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(before.user.length);
      const last = before.user.length + 1;

      // A source SmartLink does not have: the server's word under that row's value, nothing saved.
      await page.getByRole("button", { name: "Add a mapping" }).click();
      const source = page.getByRole("combobox", { name: `SmartLink attribute of row ${last}` });
      await source.fill("manager");
      const target = page.getByRole("combobox", { name: `SCIM attribute of row ${last}` });
      await target.fill("title");
      await page.getByRole("button", { name: "Save" }).click();
      await expect.poll(() => source.getAttribute("aria-invalid")).toBe("true");
      expect(await describedBy(source)).toMatch(/must be one of email/);
      expect((await call<Mapping>(page, "GET", mappingPath)).user).toEqual(before.user);

      // A target the schema lacks: the schema check's issue on the target, nothing saved.
      await page.getByRole("combobox", { name: `Source of row ${last}` }).click();
      await page.getByRole("option", { name: "Constant text" }).click();
      await page.getByRole("textbox", { name: `Constant of row ${last}` }).fill("Finance");
      await target.fill("costCentre");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("alert").filter({ hasText: "The mapping was not saved" }).first().waitFor();
      await expect.poll(() => target.getAttribute("aria-invalid")).toBe("true");
      expect(await describedBy(target)).toContain('"costCentre" is not an attribute of');
      expect((await call<Mapping>(page, "GET", mappingPath)).user).toEqual(before.user);
      await shot(page, "schema-mapping-invalid");

      // A row added then removed changes nothing.
      await page.getByRole("button", { name: "Add a mapping" }).click();
      await expect.poll(() => rows.count()).toBe(last + 1);
      await page.getByRole("button", { name: `Remove row ${last + 1}` }).click();
      await expect.poll(() => rows.count()).toBe(last);

      // The enterprise extension's department, picked from the schema's paths: saved.
      await target.fill("department");
      await page.getByRole("option", { name: DEPARTMENT }).click();
      expect(await target.inputValue()).toBe(DEPARTMENT);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("The attribute mapping of Payroll is saved").waitFor();
      const saved = await call<Mapping>(page, "GET", mappingPath);
      expect(saved.user).toEqual([
        ...before.user,
        { target: DEPARTMENT, source: { type: "constant", value: "Finance" } },
      ]);
      await expect.poll(() => target.getAttribute("aria-invalid")).not.toBe("true");
      await shot(page, "schema-mapping-saved");

      // It takes effect: a new account in the target carries the mapped department.
      const ada = await createUser(page, "Ada", "Byron");
      await grantAccess(page, id, ada.id);
      const created = await call<{ outcome: string }>(
        page,
        "POST",
        `/applications/${id}/provisioning/access/${ada.id}/create-account`,
      );
      expect(created.outcome).toBe("created");
      const account = rig.sim.users().find((u) => u.userName === ada.email);
      expect(account?.[ENTERPRISE]).toMatchObject({ department: "Finance" });

      // Reset to default, saved: the API holds the default mapping again.
      await page.getByRole("button", { name: "Reset to default" }).click();
      await expect.poll(() => rows.count()).toBe(before.defaults.length);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("The attribute mapping of Payroll is saved").first().waitFor();
      await expect
        .poll(async () => (await call<Mapping>(page, "GET", mappingPath)).user)
        .toEqual(before.defaults);
    });
  });
});
