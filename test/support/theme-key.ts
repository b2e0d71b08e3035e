// A theme switched as a presenter or reader does it: the deck's own key (T), the colours'
// fade from one theme to the other finished before anything is looked at.
import type { Page } from "playwright-core";
import { expect } from "vitest";

export async function switchThemeWithKey(page: Page, to: "light" | "dark"): Promise<void> {
  await page.keyboard.press("t");
  expect(await page.evaluate(() => document.documentElement.className)).toContain(`theme-${to}`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)).then(() => Promise.all(document.getAnimations().map((a) => a.finished))));
}
