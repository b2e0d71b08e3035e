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

/** Chromium's headless shell (Debian: package chromium-headless-shell), the browser without
 * the desktop browser's layers: it starts and exits on about a fifth of the CPU (0.4 against
 * 2.2 s for about:blank), with the same Blink drawing the page. */
const HEADLESS_SHELL_CANDIDATES: readonly string[] = ["/usr/bin/chromium-headless-shell", "/usr/bin/chrome-headless-shell"];

/** The browser executable to use, or undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** The executable for pages nobody looks at on a screen — the build's (diagrams, the PDF)
 * and the tests' — CHROME_PATH, else the headless shell when it is installed, else
 * findChromium's. The benchmark's load times keep the browser a student would use. */
export function findBuildChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) return findChromium(env);
  return HEADLESS_SHELL_CANDIDATES.find((p) => existsSync(p)) ?? findChromium(env);
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
  // With the GPU off, Chromium would start SwiftShader, its software GPU, for WebGL and
  // compositing: nothing here uses WebGL, and compositing falls back to software without it.
  // Chromium's start and exit with about:blank took 0.87× the CPU without it (ten pairs).
  "--disable-software-rasterizer",
  // the headless shell otherwise hints glyphs fully, measuring text in whole pixels where
  // the browser measures fractions: diagrams laid out differently. "slight" is what the
  // browser does (its text and glyph bounds measure the same in both; "none" differs in
  // some glyphs' bounds); the browser itself is unchanged by it.
  "--font-render-hinting=slight",
  // The desktop browser builds its address bar's suggestion popup (a page of its own,
  // chrome://omnibox-popup.top-chrome) for every new window: ≈ 0.5 s of CPU in a renderer
  // beside the deck's, on two cores, as the deck loads. A student's browser opens the deck in
  // a window it already has. Offline file → ready in the desktop browser: 607 → 513 ms
  // (medians of five alternated runs of six loads). Chromium adds this to Playwright's own
  // list of disabled features rather than replacing it. The headless shell has no popup.
  "--disable-features=WebUIOmniboxAimPopup",
];

/** Starts Chromium with playwright, for the tests and the benchmark (the build and the PDF
 * drive it over the DevTools pipe, cdp-pipe.ts). Playwright is loaded here, on first use. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: [...HEADLESS_ARGS] });
}
