// Pages of a room in real Chromium: each in a context of its own (as on separate devices),
// watched for console errors and Content-Security-Policy violations, each keeping a record
// of when it made each move.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { waitForReady } from "./browser.ts";

export interface RoomPage {
  page: Page;
  context: BrowserContext;
  /** console errors, uncaught errors and CSP violations */
  problems: string[];
  /** WebSocket URLs the page opened */
  sockets: string[];
}

export interface Place {
  h: number;
  v: number;
  f: number;
}

/** Runs in the page before its scripts: a record of each move's time, of each message's
 * arrival, and of CSP violations. */
function installRecorders(): void {
  type Place = { h: number; v: number; f?: number };
  const w = window as unknown as { Reveal: { getIndices(): Place; on(t: string, l: () => void): void }; roomMoves: { at: number; place: Place }[]; roomMessages: { at: number; data: string }[]; securityViolations: string[]; firstSlideKept(): boolean };
  w.roomMoves = [];
  w.roomMessages = [];
  w.securityViolations = [];
  // every message the page's sockets receive, when it arrived (before the page handles it)
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (e) => w.roomMessages.push({ at: Date.now(), data: String(e.data) }));
    }
  };
  document.addEventListener("securitypolicyviolation", (e) => w.securityViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  // the first slide as the page's markup made it: still in place, or the deck was rebuilt
  // (reveal.js's scroll view, undone, writes the slides' markup back)
  document.addEventListener("DOMContentLoaded", () => document.querySelector(".reveal .slides section")?.setAttribute("data-first-markup", ""));
  w.firstSlideKept = () => document.querySelector(".reveal .slides section")?.hasAttribute("data-first-markup") === true;
  document.addEventListener("deck-ready", () => {
    // once the move's synchronous work is done (the page has it), and with its settled step
    const record = (): void =>
      queueMicrotask(() => {
        const { h, v, f } = w.Reveal.getIndices();
        w.roomMoves.push({ at: Date.now(), place: { h, v, f: f ?? -1 } });
      });
    for (const type of ["slidechanged", "fragmentshown", "fragmenthidden"]) w.Reveal.on(type, record);
  });
}

export async function openRoomPage(browser: Browser, url: string, viewport = { width: 1280, height: 720 }): Promise<RoomPage> {
  const context = await browser.newContext({ viewport, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  await context.addInitScript(installRecorders);
  const page = await context.newPage();
  const watched: RoomPage = { page, context, problems: [], sockets: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) watched.problems.push(m.text());
  });
  page.on("pageerror", (e) => watched.problems.push(`uncaught: ${e.message}`));
  page.on("websocket", (ws) => watched.sockets.push(ws.url()));
  await page.goto(url);
  await waitForReady(page, 30_000);
  return watched;
}

export const placeOf = (page: Page): Promise<Place> =>
  page.evaluate(() => {
    const { h, v, f } = (window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number } } }).Reveal.getIndices();
    return { h, v, f: f ?? -1 };
  });

/** Resolves once `page` has drawn a frame after now: the work its last move set off (style,
 * layout, paint over the whole deck) is done, as it is by the time a presenter, stepping at
 * a human pace, steps again. */
export const framePainted = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** Waits until `page` shows `place` (by polling its state, not by sleeping). */
export async function waitForPlace(page: Page, place: Place, timeout = 5000): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const { h, v, f } = (window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number } } }).Reveal.getIndices();
      return h === want.h && v === want.v && (f ?? -1) === want.f;
    },
    place,
    { timeout, polling: 10 },
  );
}

/** Waits until the page is in the room (its first snapshot taken in). */
export async function waitForRoom(watched: RoomPage, timeout = 10_000): Promise<void> {
  await watched.page.waitForSelector("html[data-room=joined]", { state: "attached", timeout });
}

export async function securityViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { securityViolations: string[] }).securityViolations);
}

/** The stroke ids of the page's drawing layer, slide by slide. */
export function strokeIds(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    type Doc = { slides: Record<string, { id: number }[]> };
    const doc = (window as unknown as { Reveal: { getPlugin(id: string): { toJSON(): Doc } } }).Reveal.getPlugin("drawing").toJSON();
    return Object.fromEntries(Object.entries(doc.slides).map(([k, v]) => [k, v.map((s) => s.id)]));
  });
}

/** Waits until the page's drawing layer holds `count` strokes in all. */
export async function waitForStrokes(page: Page, count: number, timeout = 5000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      type Doc = { slides: Record<string, unknown[]> };
      const doc = (window as unknown as { Reveal: { getPlugin(id: string): { toJSON(): Doc } } }).Reveal.getPlugin("drawing").toJSON();
      return Object.values(doc.slides).flat().length === n;
    },
    count,
    { timeout, polling: 20 },
  );
}
