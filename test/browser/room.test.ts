// The room in real Chromium with the real deck (built once per run) and the room's server:
// an audience page follows the presenter step by step, with its strokes; it may browse on
// its own and find its way back; the remote drives the presenter; a page without the secret
// changes nothing; garbage and traversals leave everyone in step; a presenter reload keeps
// the room's state; and without the server nothing tries to connect.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPresentServer, type PresentServer } from "../../src/present/present-server.ts";
import { bundleRoomClient } from "../../src/present/room-client-bundle.ts";
import { serveStatic } from "../../src/io/static-server.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage } from "../support/browser.ts";
import { shownStrokes, strokeWithMouse } from "../support/drawing.ts";
import { joinRoom, rawClient, socketUrl, stroke } from "../support/room-clients.ts";
import { framePainted, openRoomPage, placeOf, securityViolations, strokeIds, waitForPlace, waitForRoom, waitForStrokes, type Place, type RoomPage } from "../support/room-pages.ts";

const SECRET = "room-test-secret-42";

/** A stroke drawn with the mouse on the presenter's current slide, as a presenter draws. */
const drawWithMouse = (page: Page, k: number): Promise<void> => strokeWithMouse(page, [200 + 20 * k, 300], [700, 420 - 5 * k]);

/** Moves the presenter one step (reveal.js's next or prev) and gives the place and the time
 * its page had made the move. */
const stepPresenter = (page: Page, how: "next" | "prev" = "next"): Promise<{ at: number; place: Place }> =>
  page.evaluate((how) => {
    const deck = (window as unknown as { Reveal: { next(): void; prev(): void; getIndices(): { h: number; v: number; f?: number } } }).Reveal;
    deck[how]();
    const { h, v, f } = deck.getIndices();
    return { at: Date.now(), place: { h, v, f: f ?? -1 } };
  }, how);

/** When `page` had first made the move to `place` after `since` (its own record of every move,
 * taken once the move's work is done). */
const shownAt = (page: Page, place: Place, since: number): Promise<number | undefined> =>
  page.evaluate(
    ({ place, since }) =>
      (window as unknown as { roomMoves: { at: number; place: Place }[] }).roomMoves.find((m) => m.at >= since && m.place.h === place.h && m.place.v === place.v && m.place.f === place.f)?.at,
    { place, since },
  );

/** When `page` received the room's message that moved it to `place` (its own record). */
const arrivedAt = (page: Page, place: Place, since: number): Promise<number | undefined> =>
  page.evaluate(
    ({ place, since }) =>
      (window as unknown as { roomMessages: { at: number; data: string }[] }).roomMessages.find((m) => {
        if (m.at < since) return false;
        const message = JSON.parse(m.data) as { type: string; view?: Place };
        return message.type === "view" && message.view!.h === place.h && message.view!.v === place.v && message.view!.f === place.f;
      })?.at,
    { place, since },
  );

describe.runIf(hasChromium)("the room in Chromium", () => {
  let browser: Browser;
  let server: PresentServer;
  let distDir: string;
  let presenter: RoomPage;
  let audience: RoomPage;

  beforeAll(async () => {
    distDir = path.dirname(inject("builtDeckFile")); // the real deck, shared read-only
    browser = await startBrowser();
    server = await startPresentServer({ distDir, port: 0, secret: SECRET, roomClient: await bundleRoomClient() });
    presenter = await openRoomPage(browser, server.urls.presenter);
    audience = await openRoomPage(browser, server.urls.audience);
    await Promise.all([waitForRoom(presenter), waitForRoom(audience)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Speed is the benchmark's (npm run bench -- present times the same steps between two
  // pages); this test holds the room to its part — each step reaches the audience page
  // within 300 ms — and reports the whole, which includes reveal.js changing slides on
  // both pages and so the machine's load.
  it("an audience page follows 20 presenter steps, each reaching it within 300 ms, and the presenter's strokes once each", async () => {
    const reached: number[] = [];
    const moved: number[] = [];
    let drawn = 0;
    // from a slide with steps, 14 forward and 6 back (back into a slide: all its steps shown)
    await presenter.page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(4));
    await waitForPlace(audience.page, await placeOf(presenter.page)); // both pages there before the clock starts
    /** One step of the presenter's, `how`; when its message reached the audience page and
     * when that page had moved, after the step. The next step once both pages have drawn
     * this one (a presenter's pace): else the audience page may still be laying out the
     * deck when the next message arrives. */
    const step = async (how: "next" | "prev"): Promise<{ reached: number; moved: number }> => {
      const { at, place } = await stepPresenter(presenter.page, how);
      await waitForPlace(audience.page, place);
      const times = { reached: (await arrivedAt(audience.page, place, at))! - at, moved: (await shownAt(audience.page, place, at))! - at };
      await Promise.all([framePainted(audience.page), framePainted(presenter.page)]);
      return times;
    };
    const measuredAgain: string[] = [];
    for (let k = 0; k < 20; k++) {
      const how = k < 14 ? "next" : "prev";
      let times = await step(how);
      if (times.reached > 300) {
        // A wall-clock limit on two cores shared with the other test worker (axe, Chromium):
        // a step over it is undone and taken once more, and that second time counts. A relay
        // that is slow fails both; a moment of the machine's load does not fail the suite.
        measuredAgain.push(`step ${k}: ${times.reached} ms`);
        await step(how === "next" ? "prev" : "next");
        times = await step(how);
      }
      reached.push(times.reached);
      moved.push(times.moved);
      if (k % 5 === 0) {
        // a stroke with the mouse: the audience holds it and draws it on the same slide
        const onSlide = await shownStrokes(presenter.page);
        await drawWithMouse(presenter.page, k);
        await waitForStrokes(audience.page, ++drawn);
        await audience.page.waitForFunction((n) => document.querySelectorAll(".drawing-layer path.drawing-stroke").length >= n, onSlide + 1);
      }
    }
    console.log(`ms from the presenter's page moving to the audience page's message: ${reached.join(", ")}; to its move: ${moved.join(", ")}${measuredAgain.length > 0 ? `; measured again after ${measuredAgain.join(", ")}` : ""}`);
    expect(reached.every((ms) => ms <= 300), `ms from the presenter's step to its arrival in the audience page: ${reached.join(", ")}${measuredAgain.length > 0 ? ` (measured again after ${measuredAgain.join(", ")})` : ""}`).toBe(true);
    const strokes = await strokeIds(presenter.page);
    expect(Object.values(strokes).flat()).toHaveLength(4);
    expect(await strokeIds(audience.page)).toEqual(strokes); // each once, on its slide
    expect(await audience.page.locator(".drawing-toggle").isVisible()).toBe(false); // read-only: no drawing there
    // the presenter's page keeps its drawings across a reload; the audience's keeps nothing
    // of the room's (the room gives them back) instead of writing them all for each stroke
    const keptDrawings = (page: Page): Promise<string[]> => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("backprop-deck:drawings:")));
    expect(await keptDrawings(presenter.page)).toHaveLength(1);
    expect(await keptDrawings(audience.page)).toEqual([]);
    expect(presenter.problems).toEqual([]);
    expect(audience.problems).toEqual([]);
  });

  it("the audience follows the overview and the theme", async () => {
    await presenter.page.keyboard.press("t");
    await audience.page.waitForFunction(() => document.documentElement.classList.contains("theme-dark"));
    await presenter.page.evaluate(() => (window as unknown as { Reveal: { toggleOverview(on: boolean): void } }).Reveal.toggleOverview(true));
    await audience.page.waitForFunction(() => (window as unknown as { Reveal: { isOverview(): boolean } }).Reveal.isOverview());
    await presenter.page.evaluate(() => (window as unknown as { Reveal: { toggleOverview(on: boolean): void } }).Reveal.toggleOverview(false));
    await audience.page.waitForFunction(() => !(window as unknown as { Reveal: { isOverview(): boolean } }).Reveal.isOverview());
    await presenter.page.keyboard.press("t");
    await audience.page.waitForFunction(() => document.documentElement.classList.contains("theme-light"));
  });

  it("a student who browses away stops following, sees the follow control, and returns with it", async () => {
    const follow = audience.page.locator(".room-follow button");
    await presenter.page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(5));
    await waitForPlace(audience.page, await placeOf(presenter.page));
    await expect(follow.isVisible()).resolves.toBe(false);
    await audience.page.keyboard.press("ArrowLeft"); // back, where the presenter is not going
    await follow.waitFor({ state: "visible" });
    const { place } = await stepPresenter(presenter.page);
    // paused: the presenter's step does not move this page, the control names where they are
    await follow.filter({ hasText: "Follow the presenter" }).waitFor();
    expect(await placeOf(audience.page)).not.toEqual(place);
    await follow.click();
    await waitForPlace(audience.page, place);
    await follow.waitFor({ state: "hidden" });
    const next = await stepPresenter(presenter.page);
    await waitForPlace(audience.page, next.place);
  });

  it("a phone in the reading view follows the presenter's slides; the steps are the student's to scroll", async () => {
    const phone = await openRoomPage(browser, server.urls.audience, { width: 390, height: 844 });
    await waitForRoom(phone);
    expect(await phone.page.evaluate(() => (window as unknown as { Reveal: { isScrollView(): boolean } }).Reveal.isScrollView())).toBe(true);
    // a slide with steps, then its steps, then the next slide
    const withSteps = await presenter.page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f: number): void } }).Reveal;
      const slide = deck.getSlides().find((s) => s.querySelectorAll(".fragment").length > 1)!;
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v, -1);
      return { h, v };
    });
    const onSlide = (page: Page, want: { h: number; v: number }) =>
      page.waitForFunction((w) => {
        const { h, v } = (window as unknown as { Reveal: { getIndices(): { h: number; v: number } } }).Reveal.getIndices();
        return h === w.h && v === w.v;
      }, want);
    await onSlide(phone.page, withSteps);
    await stepPresenter(presenter.page);
    const next = await presenter.page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { next(): void; getIndices(): { h: number; v: number; f?: number } } }).Reveal;
      let start = deck.getIndices();
      while (deck.getIndices().h === start.h && deck.getIndices().v === start.v) {
        start = deck.getIndices();
        deck.next();
        if (JSON.stringify(deck.getIndices()) === JSON.stringify(start)) break;
      }
      const { h, v } = deck.getIndices();
      return { h, v };
    });
    await onSlide(phone.page, next);
    expect(await phone.page.locator(".room-follow button").isVisible()).toBe(false); // still following
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it("the remote drives the presenter and shows the slide's title, its notes and the timer", async () => {
    const remote = await openRoomPage(browser, server.urls.remote, { width: 390, height: 844 });
    await waitForRoom(remote);
    const before = await placeOf(presenter.page);
    await waitForPlace(remote.page, before);
    await remote.page.getByRole("button", { name: "Next step" }).click();
    await presenter.page.waitForFunction((b) => {
      const { h, v, f } = (window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number } } }).Reveal.getIndices();
      return h !== b.h || v !== b.v || (f ?? -1) !== b.f;
    }, before);
    const after = await placeOf(presenter.page);
    await waitForPlace(remote.page, after);
    await waitForPlace(audience.page, after);
    const shown = await remote.page.evaluate(() => ({
      title: document.querySelector(".room-remote-title")?.textContent ?? "",
      notes: document.querySelector(".room-remote-notes")?.textContent ?? "",
      time: document.querySelector(".room-remote-clock [role=timer]")?.textContent ?? "",
      place: document.querySelector(".room-remote-place")?.textContent ?? "",
      width: document.documentElement.scrollWidth,
    }));
    const expected = await presenter.page.evaluate(() => {
      const slide = (window as unknown as { Reveal: { getCurrentSlide(): HTMLElement } }).Reveal.getCurrentSlide();
      return { notes: slide.querySelector("aside.notes")?.textContent?.trim() ?? "", heading: !!slide.querySelector("h1, h2, h3") };
    });
    if (expected.heading) expect(shown.title.length).toBeGreaterThan(0);
    expect(shown.notes.trim()).toBe(expected.notes || "No notes for this slide.");
    expect(shown.time).toMatch(/^\d\d:\d\d$/);
    const [number, total] = await presenter.page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { getSlidePastCount(): number; getTotalSlides(): number } }).Reveal;
      return [deck.getSlidePastCount() + 1, deck.getTotalSlides()];
    });
    expect(shown.place).toMatch(new RegExp(`^Slide ${number} of ${total}\\b`)); // the presenter's numbers, not a phone-sized scroll view's
    expect(shown.width).toBeLessThanOrEqual(390); // no sideways scrolling at 390 px
    await remote.page.getByRole("button", { name: "Previous step" }).click();
    await waitForPlace(presenter.page, before);
    expect(remote.problems).toEqual([]);
    await remote.context.close();
  });

  it("a page without the secret, or with a wrong one, cannot move the presenter or anyone else", async () => {
    const start = await placeOf(presenter.page);
    // the audience page's own socket, saying what only the presenter may say
    const refused = await audience.page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      await new Promise((r) => (ws.onopen = r));
      const answers: string[] = [];
      ws.onmessage = (e) => answers.push(String(e.data));
      ws.send(JSON.stringify({ type: "hello", role: "audience" }));
      ws.send(JSON.stringify({ type: "view", n: 1, view: { h: 1, v: 0, f: -1, overview: false, theme: "dark" } }));
      while (!answers.some((a) => a.includes("refused"))) await new Promise((r) => setTimeout(r, 10));
      ws.close();
      return answers.find((a) => a.includes("refused"));
    }, socketUrl(server.urls.audience, "follow"));
    expect(JSON.parse(refused!)).toEqual({ type: "refused", n: 1, reason: "not-allowed" });
    const impostor = await openRoomPage(browser, server.urls.presenter.replace(SECRET, "not-the-secret-1"));
    await impostor.page.locator(".room-notice", { hasText: "Wrong secret" }).waitFor();
    await waitForRoom(impostor);
    await impostor.page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(1));
    await impostor.page.keyboard.press("t");
    // the presenter's next step reaches everyone; the impostor's moves reached no one
    const { place } = await stepPresenter(presenter.page);
    expect(place).not.toEqual({ h: 1, v: 0, f: -1 });
    await waitForPlace(audience.page, place);
    expect(await audience.page.evaluate(() => document.documentElement.classList.contains("theme-light"))).toBe(true);
    expect(server.room.stats.refused["not-allowed"]).toBeGreaterThanOrEqual(1);
    expect(server.room.stats.refused["bad-secret"]).toBeGreaterThanOrEqual(1);
    expect(start).not.toEqual(place);
    await impostor.context.close();
  });

  it("200 malformed or oversized messages and 50 traversal URLs leave the server up and every page in step", async () => {
    const junk = await rawClient(socketUrl(server.urls.audience, "follow"));
    junk.send({ type: "hello", role: "audience" });
    const payloads: (string | Buffer)[] = [Buffer.from([1, 2, 3]), "{", "null", '{"type":"view"}', '{"type":"draw","n":1,"change":{"kind":"add","slide":"<b>","stroke":{}}}', "x".repeat(3000)];
    for (let k = 0; k < 199; k++) junk.send(payloads[k % payloads.length]);
    junk.send("y".repeat(100_000)); // the 200th: over the bound, and the socket is cut
    await junk.closed;
    const lead = await joinRoom(server.urls.presenter.replace(/\?.*/, ""), "presenter", SECRET);
    lead.send({ type: "draw", n: 1, change: { kind: "add", slide: "x", stroke: { ...stroke(5), points: [1e9, 0, 0] } } });
    await lead.next("refused");
    lead.ws.close();
    const base = server.urls.audience.replace(/\?.*/, "");
    const traversals = Array.from({ length: 50 }, (_, k) => ["../", "..%2f", "%2e%2e/", "..%5c", "%2e%2e%2f", "assets/../../", ".%2e/", "%252e%252e/", "..\\", "%00"][k % 10].repeat(1 + (k % 5)) + ["package.json", "etc/passwd", "src/present/room.ts"][k % 3]);
    for (const t of traversals) {
      const response = await fetch(base + t);
      expect([400, 404], t).toContain(response.status);
    }
    const { place } = await stepPresenter(presenter.page);
    await waitForPlace(audience.page, place);
    expect((await fetch(base)).status).toBe(200);
  });

  it("a presenter reload keeps the room's place and drawings, and a presenter page opened elsewhere gets them from the server", async () => {
    await drawWithMouse(presenter.page, 7);
    const { place } = await stepPresenter(presenter.page);
    await waitForPlace(audience.page, place);
    const strokes = await strokeIds(presenter.page);
    await waitForStrokes(audience.page, Object.values(strokes).flat().length);
    // the same URL without the slide in its hash
    await presenter.page.goto(server.urls.presenter);
    await waitForRoom(presenter);
    await waitForPlace(presenter.page, place);
    expect(await strokeIds(presenter.page)).toEqual(strokes);
    // a second presenter page in a browser of its own (no local storage): only the server knows
    const elsewhere = await openRoomPage(browser, server.urls.presenter);
    await waitForRoom(elsewhere);
    await waitForPlace(elsewhere.page, place);
    expect(await strokeIds(elsewhere.page)).toEqual(strokes);
    expect(await strokeIds(audience.page)).toEqual(strokes);
    await elsewhere.context.close();
  });

  it("no page of the room breaks the Content-Security-Policy; the speaker view works under it", async () => {
    expect(await securityViolations(presenter.page)).toEqual([]);
    expect(await securityViolations(audience.page)).toEqual([]);
    const [speaker] = await Promise.all([presenter.page.waitForEvent("popup"), presenter.page.keyboard.press("s")]);
    const violations: string[] = [];
    speaker.on("console", (m) => /Content.Security.Policy/i.test(m.text()) && violations.push(m.text()));
    // the speaker view's script ran: it fills in its clock and its current-slide preview
    await speaker.waitForFunction(() => /\d/.test(document.querySelector(".speaker-controls-time .clock-value")?.textContent ?? "") && !!document.querySelector("#current-slide iframe"), undefined, { timeout: 15_000 });
    const preview = speaker.frameLocator("#current-slide iframe");
    await preview.locator("html[data-deck-ready=true]").waitFor({ state: "attached", timeout: 30_000 });
    expect(violations).toEqual([]);
    expect(presenter.problems.filter((p) => /Content.Security.Policy/i.test(p))).toEqual([]);
    await speaker.close();
  });
});

describe.runIf(hasChromium)("the deck without the room's server", () => {
  it("the offline file and dist/ from a static host, even with a room query, open no connection", async () => {
    const browser = await startBrowser();
    const distDir = path.dirname(inject("builtDeckFile"));
    try {
      const offline = await watchedPage(browser);
      const sockets: string[] = [];
      offline.page.on("websocket", (ws) => sockets.push(ws.url()));
      await offline.page.goto(`${pathToFileURL(inject("builtDeckFile")).href}?room=audience`);
      await waitForReady(offline.page);
      const host = await serveStatic(distDir);
      const site = await watchedPage(browser, { allowHost: host.host });
      site.page.on("websocket", (ws) => sockets.push(ws.url()));
      const requested: string[] = [];
      site.page.on("request", (r) => requested.push(new URL(r.url()).pathname));
      await site.page.goto(host.url);
      await waitForReady(site.page);
      expect(requested.filter((p) => p.includes("__room"))).toEqual([]); // no room query: not even a look
      expect(sockets).toEqual([]);
      expect(offline.networkRequests).toEqual([]);
      expect(offline.consoleErrors).toEqual([]);
      expect(site.consoleErrors).toEqual([]);
      expect(await offline.page.evaluate(() => document.documentElement.dataset.room)).toBeUndefined();
      await host.close();
    } finally {
      await browser.close();
    }
  });
});
