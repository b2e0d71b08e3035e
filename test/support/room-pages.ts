// Pages of a room in real Chromium: each in a context of its own (as on separate devices),
// watched for console errors and Content-Security-Policy violations, with a stand-in for
// the drawing layer that keeps the shared contract (Reveal.getPlugin("drawing"): toJSON,
// onChange, apply, setReadOnly; strokes by id, applying idempotent), so the room's side of
// the drawings is tested before, and whatever, the real layer is.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { READY_SELECTOR } from "../../src/shared/constants.ts";

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

/** Runs in the page before its scripts: the stand-in drawing layer, registered with reveal.js
 * as soon as the deck is ready (before the room joins), and a record of each move's time. */
function installStandIns(): void {
  type Doc = { format: string; version: number; slides: Record<string, { id: number }[]> };
  type Place = { h: number; v: number; f?: number };
  type Change = { kind: string; slide?: string; stroke?: { id: number }; id?: number; doc?: Doc };
  const doc: Doc = { format: "backprop-deck-drawings", version: 1, slides: {} };
  const listeners: ((c: Change) => void)[] = [];
  const applyChange = (c: Change): void => {
    if (c.kind === "load") doc.slides = structuredClone(c.doc!.slides);
    else if (c.kind === "clear") delete doc.slides[c.slide!];
    else if (c.kind === "add") {
      const all = Object.values(doc.slides).flat();
      if (!all.some((s) => s.id === c.stroke!.id)) (doc.slides[c.slide!] ??= []).push(structuredClone(c.stroke!));
    } else if (c.kind === "remove") doc.slides[c.slide!] = (doc.slides[c.slide!] ?? []).filter((s) => s.id !== c.id);
  };
  const standIn = {
    id: "drawing",
    readOnly: false,
    init: () => undefined,
    toJSON: () => structuredClone(doc),
    onChange: (listener: (c: Change) => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    apply: applyChange,
    setReadOnly: (readOnly: boolean) => void (standIn.readOnly = readOnly),
    /** a local change, as the layer would make it when the presenter draws */
    draw: (change: Change) => {
      applyChange(change);
      listeners.forEach((l) => l(change));
    },
  };
  const w = window as unknown as { Reveal: { registerPlugin(p: unknown): void; getIndices(): Place; on(t: string, l: () => void): void }; roomMoves: { at: number; place: Place }[]; securityViolations: string[] };
  w.roomMoves = [];
  w.securityViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => w.securityViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  document.addEventListener("deck-ready", () => {
    w.Reveal.registerPlugin(standIn);
    // once the move's synchronous work is done (the page has it), and with its settled step
    const record = (): void =>
      queueMicrotask(() => {
        const { h, v, f } = w.Reveal.getIndices();
        w.roomMoves.push({ at: Date.now(), place: { h, v, f: f ?? -1 } });
      });
    for (const type of ["slidechanged", "fragmentshown", "fragmenthidden"]) w.Reveal.on(type, record);
  });
}

export async function openRoomPage(browser: Browser, url: string, viewport = { width: 1280, height: 720 }, options: { standIns?: boolean } = {}): Promise<RoomPage> {
  const context = await browser.newContext({ viewport, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  if (options.standIns !== false) await context.addInitScript(installStandIns);
  const page = await context.newPage();
  const watched: RoomPage = { page, context, problems: [], sockets: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) watched.problems.push(m.text());
  });
  page.on("pageerror", (e) => watched.problems.push(`uncaught: ${e.message}`));
  page.on("websocket", (ws) => watched.sockets.push(ws.url()));
  await page.goto(url);
  await page.waitForSelector(READY_SELECTOR, { state: "attached", timeout: 30_000 });
  return watched;
}

export const placeOf = (page: Page): Promise<Place> =>
  page.evaluate(() => {
    const { h, v, f } = (window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number } } }).Reveal.getIndices();
    return { h, v, f: f ?? -1 };
  });

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
