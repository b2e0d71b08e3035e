// The room's server killed (SIGKILL: no goodbye) and started again on its port, with a
// presenter and an audience page open: both reconnect on their own, the restarted server
// gets the room back from the presenter's page (including what it drew and where it went
// while the server was down), and the audience is back in step within 2 s, no stroke lost
// or doubled.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, startBrowser } from "../support/browser.ts";
import { startPresent, type PresentProcess } from "../support/present-process.ts";
import { strokeWithMouse } from "../support/drawing.ts";
import { openRoomPage, placeOf, strokeIds, waitForPlace, waitForRoom, waitForStrokes, type RoomPage } from "../support/room-pages.ts";

const SECRET = "restart-test-secret";
/** A stroke drawn with the mouse on the page's current slide. */
const drawWithMouse = (page: Page, y: number): Promise<void> => strokeWithMouse(page, [200, y], [800, y + 60]);

describe.runIf(hasChromium)("the room across a server crash", () => {
  let browser: Browser;
  let server: PresentProcess | undefined;
  const distDir = (): string => path.dirname(inject("builtDeckFile"));

  beforeAll(async () => {
    browser = await startBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop("SIGKILL");
  });

  it("every page reconnects and is back in step within 2 s of the restart, drawings included", async () => {
    server = await startPresent(["--dist", distDir(), "--port", "0", "--secret", SECRET, "--no-qr"]);
    const { port } = server;
    const presenter: RoomPage = await openRoomPage(browser, server.urls.presenter);
    const audience: RoomPage = await openRoomPage(browser, server.urls.audience);
    await Promise.all([waitForRoom(presenter), waitForRoom(audience)]);
    await presenter.page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(6));
    await drawWithMouse(presenter.page, 200);
    await waitForPlace(audience.page, await placeOf(presenter.page));
    await waitForStrokes(audience.page, 1);

    expect(await server.stop("SIGKILL")).toBeNull();
    await Promise.all([presenter, audience].map((p) => p.page.waitForSelector("html:not([data-room=joined])", { state: "attached" })));
    await audience.page.locator(".room-notice", { hasText: "Reconnecting" }).waitFor();
    // while the server is down the presenter goes on: two steps and a stroke
    await presenter.page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { next(): void } }).Reveal;
      deck.next();
      deck.next();
    });
    await drawWithMouse(presenter.page, 400);
    const want = await placeOf(presenter.page);
    const strokes = await strokeIds(presenter.page);
    expect(Object.values(strokes).flat()).toHaveLength(2);

    server = await startPresent(["--dist", distDir(), "--port", String(port), "--secret", SECRET, "--no-qr"]);
    const restarted = Date.now();
    await Promise.all([waitForRoom(presenter, 2000), waitForRoom(audience, 2000)]);
    await waitForPlace(audience.page, want, 2000);
    await waitForStrokes(audience.page, 2, 2000);
    const inStep = Date.now() - restarted;
    expect(inStep).toBeLessThanOrEqual(2000);
    expect(await strokeIds(audience.page)).toEqual(strokes);
    expect(await strokeIds(presenter.page)).toEqual(strokes);
    await audience.page.locator(".room-notice").waitFor({ state: "hidden" });
    // the browser's own notes of refused connections while the server was down are expected
    const unexpected = (p: RoomPage): string[] => p.problems.filter((m) => !/WebSocket connection to .* failed/.test(m));
    expect(unexpected(presenter)).toEqual([]);
    expect(unexpected(audience)).toEqual([]);
    console.log(`back in step ${inStep} ms after the restart`);
    await Promise.all([presenter.context.close(), audience.context.close()]);
  });
});
