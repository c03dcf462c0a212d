/**
 * What the Provisioning sub-tab browser tests share: the harness (server with the job worker) and a
 * SCIM target simulator, an application connected to it through the API, directory seeding
 * through the API with the page's session, and opening one sub-tab the way an admin does.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { type ScimTarget, type StartOptions, startScimTarget } from "../tools/scim-target/index.js";
import { type Harness, type HarnessOptions, startHarness } from "./harness.js";

export const TOKEN = "e2e-token";
/** Cookie-authenticated writes need this header (CSRF check), like the console's own fetches. */
export const headers = { "X-Requested-With": "smartlink" };

export interface Rig {
  h: Harness;
  sim: ScimTarget;
  close(): Promise<void>;
}

/** Starts the server (with the worker unless `worker: false`) and a simulator (strict by default). */
export async function startRig(opts: HarnessOptions & { target?: StartOptions } = {}): Promise<Rig> {
  const [h, sim] = await Promise.all([
    startHarness({ worker: opts.worker ?? true }),
    startScimTarget({ token: TOKEN, ...opts.target }),
  ]);
  // The server first: its worker would otherwise retry against a simulator already gone.
  return {
    h,
    sim,
    close: async () => {
      await h.close();
      await sim.close();
    },
  };
}

/** A JSON call to the API with the page's session; fails the test on an unexpected status. */
export async function call<T = unknown>(
  page: Page,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  data?: unknown,
  expected: number[] = [200, 201, 202, 204],
): Promise<T> {
  const res = await page.request.fetch(`/api${path}`, {
    method,
    headers: data === undefined ? headers : { ...headers, "Content-Type": "application/json" },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  const text = await res.text();
  if (!expected.includes(res.status())) {
    throw new Error(`${method} ${path} answered ${res.status()}: ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Creates an application and connects it to the simulator; answers its id. */
export async function connectedApp(page: Page, sim: ScimTarget, name: string): Promise<string> {
  const { id } = await call<{ id: string }>(page, "POST", "/applications", {
    name,
    url: `https://${name.toLowerCase().replace(/\W+/g, "")}.example.test`,
  });
  const conn = await call<{ status: string }>(page, "PUT", `/applications/${id}/provisioning/connection`, {
    baseUrl: sim.url,
    token: TOKEN,
  });
  expect(conn.status).toBe("connected");
  return id;
}

export interface SeedUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** Creates a SmartLink user through the API. */
export async function createUser(page: Page, firstName: string, lastName: string): Promise<SeedUser> {
  const email = `${firstName}.${lastName}@example.test`.toLowerCase();
  return call<SeedUser>(page, "POST", "/users", {
    email,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    attributes: {},
  });
}

/** Creates a folder through the API. */
export async function createFolder(page: Page, name: string): Promise<{ id: string; name: string }> {
  return call(page, "POST", "/folders", { name, description: "" });
}

/** Gives a user direct access to an application. */
export const grantAccess = (page: Page, appId: string, userId: string) =>
  call(page, "PUT", `/applications/${appId}/users/${userId}`);

/** Puts a user in a folder. */
export const addMember = (page: Page, folderId: string, userId: string) =>
  call(page, "PUT", `/folders/${folderId}/members/${userId}`);

/** Puts an application in a folder. */
export const addAppToFolder = (page: Page, folderId: string, appId: string) =>
  call(page, "PUT", `/folders/${folderId}/applications/${appId}`);

/** Opens `/applications/:id` on Provisioning → {tab} with the keyboard-free path an admin takes. */
export async function openSubTab(page: Page, appId: string, appName: string, tab: string): Promise<void> {
  await page.goto(`/applications/${appId}`);
  await page.getByRole("heading", { name: appName, level: 2 }).waitFor();
  await page.getByRole("tab", { name: "Provisioning" }).click();
  const sub = page.getByRole("tab", { name: tab, exact: true });
  await expect.poll(() => sub.isDisabled()).toBe(false);
  await sub.click();
  await expect.poll(() => sub.getAttribute("aria-selected")).toBe("true");
}

/** Polls `check` (e.g. on the simulator's state) until it holds, like the target settling. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for: ${what}`);
}
