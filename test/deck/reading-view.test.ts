// The reading view (?view=scroll) of the real deck on a 390×844 phone, in Chromium: slides
// reflowed for the screen — body text of 16 px or more, at most 2 % of text nodes under
// 14 px, no page scrolling sideways and nothing cut off at the right edge (what is wider
// scrolls inside its own box: a display formula, a code block, a table), diagrams and plots
// as wide as the screen at most, equation numbers beside their formulas, not over them; steps
// appear as they scroll into view and the current slide follows; styled as the reading view
// before its first layout (laid out once); pages laid out as they come near the screen; no
// drawing toolbar; axe-core clean in both themes (every rule in one, the rules that read
// colours in the other: the themes differ only in colours). The projector is untouched.
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FRAME } from "../../src/shared/constants.ts";
import { hasChromium, startBrowser, waitForReady } from "../support/browser.ts";
import { readThrough, readingTextSizes, sticksOut } from "../support/reading.ts";
import { axeSource, COLOUR_RULES } from "../support/axe-source.ts";
import { switchThemeWithKey } from "../support/theme-key.ts";

const PHONE = { width: 390, height: 844 };

describe.runIf(hasChromium)("the reading view on a phone", () => {
  let browser: Browser;
  const singleFile = inject("builtDeckFile"); // shared, read-only
  const open = async (query: string, viewport: { width: number; height: number } = PHONE): Promise<Page> => {
    const phone = viewport.width < 500;
    // a phone's layout (its viewport meta tag, touch); sizes are CSS px at any pixel density
    const context = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await page.goto(pathToFileURL(singleFile).href + query);
    await waitForReady(page);
    return page;
  };
  /** the reading view read through once (every page laid out), for the checks that only look at it */
  let shared: Page;
  beforeAll(async () => {
    browser = await startBrowser();
    shared = await open("?view=scroll");
    await readThrough(shared);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("text is for reading: body 16 px or more, at most 2 % of text nodes under 14 px, nothing sideways", async () => {
    const page = shared;
    expect(await page.evaluate(() => document.documentElement.classList.contains("reading-view"))).toBe(true);
    const sizes = await readingTextSizes(page);
    expect(sizes.length).toBeGreaterThan(4000);
    const small = sizes.filter((s) => s.px < 14);
    expect(small.length / sizes.length, small.slice(0, 20).map((s) => `${s.slide}: "${s.text}" ${s.px} px`).join("\n")).toBeLessThanOrEqual(0.02);
    const body = sizes.filter((s) => s.body);
    expect(body.length).toBeGreaterThan(300);
    expect(body.filter((s) => s.px < 16).map((s) => `${s.slide}: "${s.text}" ${s.px} px`)).toEqual([]);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    expect(await sticksOut(page)).toEqual([]);
  }, 120_000);

  it("a wide formula scrolls in its own box; diagrams and plots are as wide as the column at most", async () => {
    const page = shared;
    const boxes = await page.evaluate(() => {
      const displays = [...document.querySelectorAll<HTMLElement>(".reveal .slides .katex-display")].filter((d) => !d.closest("aside.notes"));
      const wide = displays.filter((d) => d.scrollWidth > d.clientWidth + 1);
      const figures = [...document.querySelectorAll<SVGSVGElement>(".reveal .slides :is(.diagram, figure.plot) > svg")];
      return {
        wide: wide.length,
        wideScrolling: wide.filter((d) => ["auto", "scroll"].includes(getComputedStyle(d).overflowX)).length,
        figures: figures.map((svg) => ({ id: svg.closest("section")!.id, right: svg.getBoundingClientRect().right, width: svg.getBoundingClientRect().width, column: svg.parentElement!.getBoundingClientRect().width })),
      };
    });
    expect(boxes.wide).toBeGreaterThan(5); // the deck has formulas wider than a phone
    expect(boxes.wideScrolling).toBe(boxes.wide);
    expect(boxes.figures.length).toBeGreaterThan(8);
    for (const f of boxes.figures) {
      expect(f.right, f.id).toBeLessThanOrEqual(PHONE.width);
      expect(f.width, f.id).toBeGreaterThan(f.column * 0.9); // fitted to the column, not left small
    }
  }, 60_000);

  it("an equation number follows its formula, never over it, also where the formula scrolls", async () => {
    const covered = await shared.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".reveal .slides .katex-display .katex-tag")].flatMap((tag) => {
        const bases = [...tag.parentElement!.querySelectorAll<HTMLElement>(":scope > .katex-base")];
        if (bases.length === 0) return [`#${tag.closest("section")!.id}: ${tag.textContent} beside no formula`];
        const end = Math.max(...bases.map((b) => b.getBoundingClientRect().right));
        const left = tag.getBoundingClientRect().left;
        return left < end - 1 ? [`#${tag.closest("section")!.id}: ${tag.textContent} starts at ${left.toFixed(0)} px, its formula ends at ${end.toFixed(0)} px`] : [];
      }),
    );
    expect(covered).toEqual([]);
    expect(await shared.evaluate(() => document.querySelectorAll(".reveal .slides .katex-display .katex-tag").length)).toBeGreaterThan(10);
  });

  it("steps appear as they scroll into view, and the current slide follows the scrolling", async () => {
    const page = await open("?view=scroll");
    // the first slide whose steps are apart on the screen
    const target = await page.evaluate(() => {
      for (const slide of document.querySelectorAll<HTMLElement>(".reveal .slides section[id]")) {
        const firsts = [...slide.querySelectorAll<HTMLElement>(".fragment:not(.hl)")];
        const tops = new Set(firsts.map((f) => Math.round(f.getBoundingClientRect().top)));
        if (tops.size >= 2) return slide.id;
      }
      return "";
    });
    expect(target).not.toBe("");
    /** scrolls so that a point of the slide (px below its top) is at the given height of the screen */
    const place = (offset: number, at: number): Promise<void> =>
      page.evaluate(
        ({ id, offset, at }) => {
          const viewport = document.querySelector<HTMLElement>(".reveal-viewport")!;
          viewport.scrollTop += document.getElementById(id)!.getBoundingClientRect().top + offset - at * innerHeight;
        },
        { id: target, offset, at },
      );
    const state = (): Promise<{ current: string; shown: number; total: number }> =>
      page.evaluate((id) => {
        const slide = document.getElementById(id)!;
        const deck = (window as unknown as { Reveal: { getCurrentSlide(): HTMLElement } }).Reveal;
        return { current: deck.getCurrentSlide().id, shown: slide.querySelectorAll(".fragment.visible").length, total: slide.querySelectorAll(".fragment").length };
      }, target);
    const settle = (): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // the slide's top just below the screen's bottom: none of its steps yet
    await place(0, 1.05);
    await settle();
    expect((await state()).shown).toBe(0);
    expect((await state()).current).not.toBe(target);
    // at the top of the screen: it is the current slide, and the steps in view are shown
    await place(1, 0);
    await settle();
    const top = await state();
    expect(top.current).toBe(target);
    expect(top.shown).toBeGreaterThan(0);
    // and the address follows it (reveal.js writes it at most once a second)
    await page.waitForFunction((id) => location.hash.startsWith(`#/${id}`), target, { timeout: 5_000 });
    // its end well up the screen: every step shown
    const height = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().height, target);
    await place(height, 0.3);
    await settle();
    const end = await state();
    expect(end.shown).toBe(end.total);
    // and back: hidden again as it leaves below
    await place(0, 1.05);
    await settle();
    expect((await state()).shown).toBe(0);
    await page.context().close();
  }, 60_000);

  it("opened at a slide's address, lands with that slide at the top of the screen, the current one", async () => {
    const page = await open("?view=scroll#/lstm-delta-c");
    await page.waitForFunction(() => Math.abs(document.getElementById("lstm-delta-c")!.getBoundingClientRect().top) <= 1);
    expect(await page.evaluate(() => (window as unknown as { Reveal: { getCurrentSlide(): HTMLElement } }).Reveal.getCurrentSlide().id)).toBe("lstm-delta-c");
    await page.context().close();
  });

  it("is styled as the reading view before reveal.js first lays out its pages (the page is laid out once, not twice)", async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // in the order they happened: the scroll view's pages put in, and each change to <html>'s
    // classes, as "off" while the reading view's class was not among them before the change
    await page.addInitScript(() => {
      const order: string[] = [];
      (window as unknown as { readingOrder: string[] }).readingOrder = order;
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === "attributes" && r.target === document.documentElement) order.push((r.oldValue ?? "").split(/\s+/).includes("reading-view") ? "on" : "off");
          else if ([...r.addedNodes].some((n) => n instanceof Element && (n.matches(".scroll-page") || n.querySelector(".scroll-page") !== null))) order.push("pages");
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true });
    });
    await page.goto(pathToFileURL(singleFile).href + "?view=scroll");
    await waitForReady(page);
    const order = await page.evaluate(() => (window as unknown as { readingOrder: string[] }).readingOrder);
    expect(order).toContain("pages");
    expect(order.slice(order.indexOf("pages")), order.join(" ")).not.toContain("off");
    expect(await page.evaluate(() => document.documentElement.classList.contains("reading-view"))).toBe(true);
    await context.close();
  });

  it("lays out a page only as it comes near the screen, and then gives the focus only to its boxes that scroll", async () => {
    const page = await open("?view=scroll");
    /** the boxes that may scroll sideways on the pages the browser skips (content-visibility)
     * and on those it laid out, and how many of each take the focus */
    const boxes = (): Promise<{ skipped: number; skippedFocusable: number; laidOutStill: number; lastSkipped: boolean }> =>
      page.evaluate(() => {
        const pages = [...document.querySelectorAll(".scroll-page")];
        const skipped = (p: Element): boolean => !p.firstElementChild!.checkVisibility({ contentVisibilityAuto: true });
        const sideways = (ps: Element[]): HTMLElement[] => ps.flatMap((p) => [...p.querySelectorAll<HTMLElement>(".katex-display, table, pre")]).filter((b) => !b.closest("aside.notes"));
        const far = sideways(pages.filter(skipped));
        // measured after the skipped ones are counted: measuring lays a page out
        const near = sideways(pages.filter((p) => !skipped(p))).filter((b) => b.tabIndex === 0);
        const scrolls = (b: HTMLElement): boolean => b.scrollWidth > b.clientWidth + 1;
        return {
          skipped: far.length,
          skippedFocusable: far.filter((b) => b.tabIndex === 0).length,
          laidOutStill: near.filter((b) => !scrolls(b)).length,
          lastSkipped: skipped(pages.at(-1)!),
        };
      });
    const first = await boxes();
    expect(first.lastSkipped).toBe(true);
    // far down, every box that may scroll takes the focus until its page is laid out
    expect(first.skipped).toBeGreaterThan(50);
    expect(first.skippedFocusable).toBe(first.skipped);
    // near the screen, only those that scroll
    expect(first.laidOutStill).toBe(0);
    await page.evaluate(() => document.querySelector<HTMLElement>(".reveal-viewport")!.scrollTo(0, 1e9));
    await page.waitForFunction(() => [...document.querySelectorAll(".scroll-page")].at(-1)!.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }));
    const last = await boxes();
    expect(last.lastSkipped).toBe(false);
    expect(last.laidOutStill).toBe(0);
    // as wide as the frame: no reading view, and no box a stop of the keyboard's because of it
    await page.setViewportSize({ width: FRAME.width, height: FRAME.height });
    await page.waitForFunction(() => !document.documentElement.classList.contains("reading-view"));
    expect(await page.evaluate(() => document.querySelectorAll("[data-reading-focus]").length)).toBe(0);
    await page.context().close();
  });

  it("shows no drawing toolbar and no strokes layer", async () => {
    const page = shared;
    expect(await page.locator(".drawing-toolbar").isVisible()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { Reveal: { getPlugin(id: string): { toggle(on?: boolean): boolean } } }).Reveal.getPlugin("drawing").toggle(true))).toBe(false);
  });

  it("axe-core finds no serious or critical violation in the reading view: every rule in the dark theme, the rules that read colours in the light one (the themes differ only in colours)", async () => {
    // the page read through (beforeAll), in the deck's light theme; the last test of it, as it
    // changes it: every step shown, the pages laid out at the document's height, both themes
    const page = shared;
    // axe checks a text's contrast only where its scroll container shows it: the reading
    // view scrolls inside reveal.js's viewport, and axe saw the first screen's 44 texts.
    // The pages laid out one after another at the document's own height instead (every
    // page rendered), it sees all of them, as a reader who scrolls through does.
    await page.addStyleTag({
      content: "html, body, .reveal-viewport, .reveal, .reveal .slides { overflow: visible !important; height: auto !important; position: static !important; } .scroll-page { content-visibility: visible !important; }",
    });
    await page.addScriptTag({ content: axeSource });
    // every fragment shown, as a reader who scrolled through sees it
    await page.evaluate(() => document.querySelectorAll(".reveal .fragment").forEach((f) => f.classList.add("visible")));
    const check = (only: readonly string[] | undefined): Promise<{ violations: string[]; contrastChecked: number }> =>
      page.evaluate(async (only) => {
        type Axe = { run(context: Node, options: object): Promise<Record<"violations" | "passes", { id: string; impact: string; nodes: { target: string[] }[] }[]>> };
        const { axe } = window as unknown as { axe: Axe };
        const rules = only ? { runOnly: { type: "rule", values: only } } : {};
        const serious = (v: { impact: string }): boolean => v.impact === "serious" || v.impact === "critical";
        // every passing node counted, none named: a selector made for each of them was ≈ 10 %
        // of a run; what fails is named by a second run, which only a failure makes (unnamed
        // if it passed by then)
        const result = await axe.run(document, { resultTypes: ["violations", "passes"], selectors: false, ancestry: false, xpath: false, ...rules });
        const first = result.violations.filter(serious);
        const named = first.length > 0 ? (await axe.run(document, { resultTypes: ["violations"], ...rules })).violations.filter(serious) : [];
        return {
          violations: named.length > 0 ? named.map((v) => `${v.id} at ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`) : first.map((v) => `${v.id} at ${v.nodes.length} element(s), passing when named`),
          contrastChecked: [...result.violations, ...result.passes].filter((r) => r.id === "color-contrast").reduce((n, r) => n + r.nodes.length, 0),
        };
      }, only);
    await switchThemeWithKey(page, "dark");
    const dark = await check(undefined);
    await switchThemeWithKey(page, "light");
    const light = await check(COLOUR_RULES);
    expect(dark.contrastChecked).toBeGreaterThan(3000);
    expect(light.contrastChecked).toBeGreaterThan(3000);
    expect({ dark: dark.violations, light: light.violations }).toEqual({ dark: [], light: [] });
  }, 180_000);

  it("leaves the projector as it was: no reading view at the frame's size, nor in reveal's scroll view at that width", async () => {
    for (const query of ["", "?view=scroll"]) {
      const page = await open(query, { width: FRAME.width, height: FRAME.height });
      const state = await page.evaluate(() => ({ reading: document.documentElement.classList.contains("reading-view"), slides: document.querySelector(".reveal .slides")!.getBoundingClientRect().width }));
      expect(state.reading, query).toBe(false);
      expect(state.slides, query).toBe(FRAME.width);
      await page.context().close();
    }
  });
});
