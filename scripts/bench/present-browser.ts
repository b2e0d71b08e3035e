// The room between two real pages: from the presenter's page having made a step to the
// audience's page having made it (reveal.js's slide change on both pages included: on a
// deck this large that is most of it), in Chromium, the deck's own steps forward and back.
import type { Page } from "playwright-core";
import { findChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { FRAME } from "../../src/shared/constants.ts";

type Place = { h: number; v: number; f: number };
const STEPS = 30;

async function joined(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("html[data-room=joined]", { state: "attached", timeout: 60_000 });
}

/** Each step's time from the presenter page's move to the audience page's, in ms; undefined
 * without Chromium. */
export async function timeFollowing(presenterUrl: string, audienceUrl: string): Promise<number[] | undefined> {
  const chromium = findChromium();
  if (!chromium) return undefined;
  const browser = await launchChromium(chromium);
  try {
    const [presenter, audience] = await Promise.all([0, 1].map(async () => (await browser.newContext({ viewport: { ...FRAME } })).newPage()));
    await joined(presenter, presenterUrl);
    await joined(audience, audienceUrl);
    await audience.evaluate(() => {
      const w = window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number }; on(t: string, l: () => void): void }; moves: { at: number; key: string }[] };
      w.moves = [];
      const record = (): void =>
        queueMicrotask(() => {
          const { h, v, f } = w.Reveal.getIndices();
          w.moves.push({ at: Date.now(), key: `${h}.${v}.${f ?? -1}` });
        });
      for (const type of ["slidechanged", "fragmentshown", "fragmenthidden"]) w.Reveal.on(type, record);
    });
    await presenter.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(4));
    const times: number[] = [];
    for (let k = 0; k < STEPS; k++) {
      const step = await presenter.evaluate((back) => {
        const deck = (window as unknown as { Reveal: { next(): void; prev(): void; getIndices(): { h: number; v: number; f?: number } } }).Reveal;
        if (back) deck.prev();
        else deck.next();
        const { h, v, f } = deck.getIndices();
        return { at: Date.now(), place: { h, v, f: f ?? -1 } as Place };
      }, k >= STEPS * 0.7);
      const key = `${step.place.h}.${step.place.v}.${step.place.f}`;
      const movedAt = await audience.waitForFunction(
        ({ key, since }) => (window as unknown as { moves: { at: number; key: string }[] }).moves.find((m) => m.at >= since && m.key === key)?.at,
        { key, since: step.at },
        { polling: 10, timeout: 10_000 },
      );
      times.push(((await movedAt.jsonValue()) as number) - step.at);
    }
    return times;
  } finally {
    await browser.close();
  }
}
