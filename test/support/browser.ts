// Real Chromium for browser tests. Without one the tests say so loudly and skip — except
// under CI (CI set), where a missing browser is a failure: .ci/run installs Debian's.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { findBuildChromium, findChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { FRAME, READY_SELECTOR } from "../../src/shared/constants.ts";

/** The desktop browser, for the tests that hold the headless shell to it. */
export const chromiumPath = findChromium();
/** What the tests open pages in: Chromium's headless shell when it is installed, as
 * Playwright's own runner does for headless tests — the same Blink without the desktop
 * browser's layers (the room, classroom, drawing and exercises files together: 133–139 s
 * against 172–188 s in the desktop browser, alternated). test/browser/headless-shell.test.ts
 * checks that it lays the deck out and draws its diagrams as the browser does. */
const pagesChromiumPath = findBuildChromium();

if (!chromiumPath) {
  const message = "NO CHROMIUM FOUND: browser tests are SKIPPED (install Debian's chromium or set CHROME_PATH)";
  if (process.env.CI) throw new Error(`${message} — but CI is set, so this is a failure`);
  console.warn(`\n*** ${message} ***\n`);
}

export const hasChromium = chromiumPath !== undefined;

export function startBrowser(): Promise<Browser> {
  return launchChromium(pagesChromiumPath!);
}

export interface PageWatch {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  failedRequests: string[];
  /** requests to the network (http/https), all blocked */
  networkRequests: string[];
}

/** A page in a fresh context with the network blocked, recording what went wrong. */
export async function watchedPage(browser: Browser, options: { allowHost?: string } = {}): Promise<PageWatch> {
  const context = await browser.newContext({ viewport: { ...FRAME } });
  const watch: PageWatch = { page: undefined as unknown as Page, context, consoleErrors: [], failedRequests: [], networkRequests: [] };
  await context.route(/^(https?|wss?):/, (route) => {
    const url = route.request().url();
    if (options.allowHost && new URL(url).host === options.allowHost) return route.continue();
    watch.networkRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") watch.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => watch.consoleErrors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => watch.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  watch.page = page;
  return watch;
}

export async function waitForReady(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForSelector(READY_SELECTOR, { timeout, state: "attached" });
}
