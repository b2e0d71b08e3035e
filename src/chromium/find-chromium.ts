// Finding and starting a Chromium for build-time work (diagrams, PDF). We never download a
// browser: CHROME_PATH, then the usual system locations.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export const INSTALL_HINT =
  "install one (Debian/Ubuntu: sudo apt-get install chromium) or point CHROME_PATH at a Chrome or Chromium executable";

/** The browser executable to use, or undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags for a headless Chromium that makes no network connections of its own. */
export const HEADLESS_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Starts Chromium. Playwright is loaded here, on first use: a build whose diagrams are all
 * cached never pays for it. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: [...HEADLESS_ARGS] });
}
