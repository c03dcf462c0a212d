/**
 * The e2e harness: the real server (built console included) in-process on a random port with a
 * fresh SQLite data dir, and Debian's Chromium driven by playwright-core.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { type AppContext, createAppContext } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { buildServer } from "../src/http/server.js";

export const ADMIN_EMAIL = "admin@example.test";
export const ADMIN_PASSWORD = "correct horse battery";

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = join(here, "artifacts");
/** Where every sub-tab's screenshot goes for a reviewer to look at (ignored by git). */
export const SCREENSHOTS_DIR = join(here, "screenshots");
/** The built console; E2E_WEB_ROOT points at another build (e.g. web/dist-accounts). */
const WEB_ROOT = process.env.E2E_WEB_ROOT
  ? resolve(process.env.E2E_WEB_ROOT)
  : join(here, "..", "web", "dist");
const WEB_INDEX = join(WEB_ROOT, "index.html");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Harness {
  baseUrl: string;
  browser: Browser;
  ctx: AppContext;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Run the job worker in the server process (automatic mode, ticket resolution). Default false. */
  worker?: boolean;
}

/** SCIM retries and worker polling that fit a browser test's time. */
const FAST = {
  scim: { timeoutMs: 3_000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 40, maxTotalMs: 3_000 } },
  worker: { pollMs: 20, backoff: { baseMs: 5, maxMs: 50 }, leaseMs: 30_000, graceMs: 2_000 },
};

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`The console is not built (${WEB_INDEX} is missing): run \`npm run build:web\` first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`,
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), "smartlink-e2e-"));
  let ctx: AppContext | undefined;
  let browser: Browser | undefined;
  try {
    ctx = await createAppContext({
      config: loadConfig({
        SMARTLINK_DATA_DIR: dataDir,
        SMARTLINK_ADMIN_EMAIL: ADMIN_EMAIL,
        SMARTLINK_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: "warn",
      }),
      scim: FAST.scim,
      worker: FAST.worker,
      startWorker: opts.worker ?? false,
    });
    await ctx.auth.ensureFirstAdmin();
    const app = await buildServer(ctx, { logRequests: false, webRoot: WEB_ROOT });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const opened = { ctx, browser };
    return {
      baseUrl: address,
      browser,
      ctx,
      close: async () => {
        await opened.browser.close().catch(() => {});
        await app.close();
        await opened.ctx.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await ctx?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Saves a full-page screenshot under e2e/artifacts/ (used when a test fails). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Saves a viewport screenshot of what a reviewer should look at, as e2e/screenshots/{name}.png
 * (always, unlike the failure screenshots).
 */
export async function shot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  // The console's header and navbar are fixed: in a full-page capture they would be stamped in the
  // middle of the page. Pinned to the top of the page for the capture, then released.
  const pin = await page.addStyleTag({
    content: ".mantine-AppShell-header, .mantine-AppShell-navbar { position: absolute !important; }",
  });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await pin.evaluate((el) => el.remove()).catch(() => {});
  }
  return path;
}

/** Runs a browser scenario in a fresh page; on failure a screenshot is saved before rethrowing. */
export async function withPage(h: Harness, name: string, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await run(page);
    if (process.env.E2E_SCREENSHOTS) await screenshot(page, `${name}-done`);
  } catch (err) {
    const path = await screenshot(page, `${name}-failure`).catch(() => undefined);
    if (path && err instanceof Error) err.message += `\nScreenshot: ${path}`;
    throw err;
  } finally {
    await context.close();
  }
}

/** Logs in through the form as the first admin and waits for the applications list. */
export async function logIn(page: Page): Promise<void> {
  await page.goto("/");
  await page.waitForURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByRole("textbox", { name: "Password" }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/applications$/);
  await page.getByRole("heading", { name: "Applications" }).waitFor();
}
