/**
 * The Provisioning → Configuration sub-tab in a real browser against the real server and the SCIM
 * target simulator (in-process, real HTTP): a wrong token is refused in words and unlocks nothing,
 * the right one connects, shows the capabilities and unlocks the other sub-tabs; Disconnect locks
 * them again. Run with `npm run build:web && npm run test:e2e`.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScimTarget, startScimTarget } from "../tools/scim-target/index.js";
import { type Harness, logIn, startHarness, withPage } from "./harness.js";

const TOKEN = "e2e-token";
// Cookie-authenticated writes need this header (CSRF check), like the console's own fetches.
const headers = { "X-Requested-With": "smartlink" };

let h: Harness;
let sim: ScimTarget;

beforeAll(async () => {
  [h, sim] = await Promise.all([startHarness(), startScimTarget({ token: TOKEN })]);
});

afterAll(async () => {
  await Promise.all([h?.close(), sim?.close()]);
});

/** Creates an application through the API (with the page's session) and returns its id. */
async function createApplication(page: Page, name: string): Promise<string> {
  const res = await page.request.post("/api/applications", {
    headers,
    data: { name, url: `https://${name.toLowerCase()}.example.test` },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Opens the application page on Provisioning → Configuration. */
async function openConfiguration(page: Page, id: string, name: string): Promise<void> {
  await page.goto(`/applications/${id}`);
  await page.getByRole("heading", { name, level: 2 }).waitFor();
  await page.getByRole("tab", { name: "Provisioning" }).click();
  await page.getByRole("tab", { name: "Configuration" }).click();
  await page.getByRole("heading", { name: "Connect SmartLink to the SCIM endpoint" }).waitFor();
}

const connectionPath = (id: string) => `/api/applications/${id}/provisioning/connection`;

describe("provisioning configuration", () => {
  it("refuses a wrong token with a 401 explanation, then connects with the right one and unlocks the sub-tabs", async () => {
    await withPage(h, "provisioning-connect", async (page) => {
      await logIn(page);
      const id = await createApplication(page, "Helpdesk");
      await openConfiguration(page, id, "Helpdesk");
      const accounts = page.getByRole("tab", { name: "Accounts" });
      expect(await accounts.isDisabled()).toBe(true);
      await page.getByText("Not connected", { exact: true }).waitFor();

      // A wrong token: the server's message, in words, under the form; nothing unlocks.
      await page.getByLabel("Base URL").fill(sim.url);
      await page.getByLabel("Token").fill("not-the-token");
      await page.getByRole("button", { name: "Save" }).click();
      const error = page.getByRole("alert").filter({ hasText: "Could not connect" });
      await error.waitFor();
      const text = await error.textContent();
      expect(text).toMatch(/401/);
      expect(text).toMatch(/credentials/);
      expect(text).not.toContain("not-the-token");
      expect(await accounts.isDisabled()).toBe(true);
      await page.getByText("Not connected", { exact: true }).waitFor();

      // The right token: connected, capabilities listed, the other sub-tabs open.
      await page.getByLabel("Token").fill(TOKEN);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Connected", { exact: true }).waitFor();
      await error.waitFor({ state: "detached" });
      const capabilities = page.getByRole("list", { name: "Capabilities" });
      await capabilities.waitFor();
      expect(await capabilities.textContent()).toMatch(/PATCH:\s*Supported/);
      expect(await capabilities.textContent()).toMatch(/Content type:/);
      await expect.poll(() => accounts.isDisabled()).toBe(false);
      const token = page.getByLabel("Token");
      expect(await token.inputValue()).toBe("");
      expect(await token.getAttribute("placeholder")).toMatch(/set — leave empty to keep/);
      await accounts.click();
      await expect.poll(() => accounts.getAttribute("aria-selected")).toBe("true");

      // The server agrees, and never sends the token back.
      const res = await page.request.get(connectionPath(id));
      expect(res.status()).toBe(200);
      const body = await res.text();
      expect(body).not.toContain(TOKEN);
      expect(JSON.parse(body)).toMatchObject({ baseUrl: sim.url, status: "connected", tokenSet: true });
    });
  });

  it("disconnects after confirmation and locks the other sub-tabs again", async () => {
    await withPage(h, "provisioning-disconnect", async (page) => {
      await logIn(page);
      const id = await createApplication(page, "Wiki");
      const put = await page.request.put(connectionPath(id), {
        headers,
        data: { baseUrl: sim.url, token: TOKEN },
      });
      expect(put.status()).toBe(200);
      await openConfiguration(page, id, "Wiki");
      await page.getByText("Connected", { exact: true }).waitFor();
      const accounts = page.getByRole("tab", { name: "Accounts" });
      await expect.poll(() => accounts.isDisabled()).toBe(false);

      await page.getByRole("button", { name: "Disconnect" }).click();
      const dialog = page.getByRole("dialog", { name: "Disconnect Wiki?" });
      await dialog.getByRole("button", { name: "Disconnect" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByText("Not connected", { exact: true }).waitFor();
      await expect.poll(() => accounts.isDisabled()).toBe(true);
      expect(await page.getByRole("list", { name: "Capabilities" }).count()).toBe(0);

      const res = await page.request.get(connectionPath(id));
      expect(((await res.json()) as { status: string }).status).toBe("disconnected");
    });
  });

  it("says why a sub-tab is locked, and moves between open sub-tabs with the keyboard, kept in the URL", async () => {
    await withPage(h, "provisioning-keyboard", async (page) => {
      await logIn(page);
      const id = await createApplication(page, "Ledger");
      await openConfiguration(page, id, "Ledger");
      // Locked: the hint says what to do.
      await page.getByRole("tab", { name: "Schema" }).hover();
      await page.getByRole("tooltip").filter({ hasText: "Connect a SCIM endpoint first" }).waitFor();

      const put = await page.request.put(connectionPath(id), {
        headers,
        data: { baseUrl: sim.url, token: TOKEN },
      });
      expect(put.status()).toBe(200);
      await page.reload();
      const configuration = page.getByRole("tab", { name: "Configuration" });
      await expect.poll(() => page.getByRole("tab", { name: "Accounts" }).isDisabled()).toBe(false);
      await configuration.focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      const access = page.getByRole("tab", { name: "Access" });
      await expect.poll(() => access.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => access.getAttribute("aria-selected")).toBe("true");
      expect(new URL(page.url()).searchParams.get("sub")).toBe("access");

      // A link straight to a sub-tab opens it.
      await page.goto(`/applications/${id}?tab=provisioning&sub=settings`);
      const settings = page.getByRole("tab", { name: "Settings" });
      await expect.poll(() => settings.getAttribute("aria-selected")).toBe("true");
    });
  });
});
