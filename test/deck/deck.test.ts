// The real deck in slides/: it compiles with no warning; every number an example shows is
// what src/grad computes for its case (and is really on the slide); every slide has speaker
// notes; and in Chromium no slide overflows its 16:9 frame.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BundleInputs, CompiledDeck } from "../../src/compile/state.ts";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import { FRAME } from "../../src/shared/constants.ts";
import { num } from "../../src/author/snippet.ts";
import { evaluateCase, parseCase, type CaseResult } from "../../src/grad/index.ts";
import { DeckSession } from "../../src/session/session.ts";
import { fontCharacters } from "../../src/vite/katex-fonts-plugin.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage } from "../support/browser.ts";

const root = process.cwd();
let deck: CompiledDeck;
let slides: Element[];
/** what the compile told the bundler before formulas and diagrams, read when it was told */
let early: { inputs: BundleInputs; fonts: Map<string, string> } | undefined;

beforeAll(async () => {
  const session = DeckSession.create({ deckRoot: root, diagrams: "chromium" });
  try {
    deck = await session.compile((inputs) => (early = { inputs, fonts: fontCharacters(inputs.slides) }));
  } finally {
    await session.close();
  }
  const { document } = parseHTML(`<html><body><div class="slides">${deck.slidesHtml}</div></body></html>`);
  slides = [...document.querySelectorAll("section")].filter((s) => !s.querySelector("section"));
}, 120_000);

describe("the slides' markup", () => {
  it("carries none of the compiler's own bookkeeping: no source positions, value paths or slot markers", () => {
    expect(deck.slides.some((s) => s.facts.proseNumbers.length > 0 && s.facts.formulas.length > 0)).toBe(true);
    expect(deck.slidesHtml).toContain('class="deck-value"');
    expect(deck.slidesHtml).not.toMatch(/\sdata-(at|ref|digits)=/);
    expect(deck.slidesHtml).not.toContain("deck-slot");
  });

  it("every diagram has a text alternative a screen reader reads: its nodes and arrows in words", () => {
    const diagrams = slides.flatMap((s) => [...s.querySelectorAll(".diagram > svg")]);
    expect(diagrams.length).toBeGreaterThan(3);
    for (const svg of diagrams) {
      expect(svg.getAttribute("role")).toBe("img");
      expect(svg.getAttribute("aria-label")).toMatch(/^Diagram with \d+ nodes?: .+\. Arrows: .+ → .+/);
    }
  });
});

describe("what the bundler is told before formulas and diagrams", () => {
  it("the fonts' faces and characters are those of the finished deck", () => {
    expect(early, "the compile reported its bundle inputs").toBeDefined();
    const finished = fontCharacters(slides.map((s) => s.outerHTML));
    expect(Object.fromEntries(early!.fonts)).toEqual(Object.fromEntries(finished));
    expect(finished.get("KaTeX_Main|400|normal")).toMatch(/∂/); // the real deck's formulas are in it
    expect(finished.get("KaTeX_Math|400|italic")).toMatch(/x/);
  });

  it("the live examples and whether mermaid runs in the browser are the finished deck's", () => {
    expect(early!.inputs.liveSnippets.map((s) => s.key)).toEqual(deck.liveSnippets.map((s) => s.key));
    expect(deck.liveSnippets.length).toBeGreaterThan(0);
    expect(early!.inputs.runtimeDiagrams).toBe(deck.runtimeDiagrams > 0);
  });
});

function lookup(result: CaseResult, key: string): unknown {
  let value: unknown = result;
  for (const part of key.split(".")) value = (value as Record<string, unknown>)?.[part];
  return value;
}

/** The numbers written on a slide (KaTeX keeps each formula's TeX in its annotation, so
 * "1.2\\times10^{-5}" is read too), each knowing the precision it was written with. A value
 * is shown when some number equals it, or rounds to it with at least three significant digits. */
function numbersIn(text: string): { matches(x: number): boolean }[] {
  const found: { matches(x: number): boolean }[] = [];
  for (const m of text.replace(/\u2212/g, "-").matchAll(/(-?\d+(?:\.(\d+))?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)) {
    const mantissa = Number(m[1]);
    const decimals = m[2]?.length ?? 0;
    const exponent = Number(m[3] ?? 0);
    const value = mantissa * 10 ** exponent;
    const digits = m[1].replace(/^-?0*\.?0*/, "").replace(".", "").length;
    const halfUlp = 0.5 * 10 ** (exponent - decimals);
    const exact = (x: number): boolean => Math.abs(x - value) <= 1e-12 * Math.abs(x);
    const rounded = (x: number): boolean => digits >= 3 && Math.abs(x - value) <= halfUlp * (1 + 1e-9);
    found.push({ matches: (x) => (x === 0 ? value === 0 : exact(x) || rounded(x)) });
  }
  return found;
}

const name = (s: Element): string => `${s.getAttribute("data-source")} (#${s.id})`;

describe("the deck in slides/", () => {
  it("compiles with no errors and no warnings", () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(slides.length).toBeGreaterThan(3);
  });

  it("every number an example records is what src/grad computes for its case, and is shown", () => {
    const examples = slides.flatMap((s) => [...s.querySelectorAll("script.deck-example")].map((el) => ({ s, record: JSON.parse(el.textContent ?? "{}") })));
    expect(examples.length).toBeGreaterThan(0);
    const results = new Map<string, CaseResult>();
    for (const { s, record } of examples) {
      // What the audience sees: not the record itself, not the speaker notes.
      const visible = s.cloneNode(true) as Element;
      visible.querySelectorAll("script, aside.notes").forEach((el) => el.remove());
      // Text nodes joined with spaces, so neighbouring table cells do not run together.
      const texts: string[] = [];
      const walker = visible.ownerDocument.createTreeWalker(visible, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? "");
      const text = texts.join(" ");
      const values = Object.entries(record.values as Record<string, unknown>);
      expect(values.length, name(s)).toBeGreaterThan(0);
      if (record.case) {
        if (!results.has(record.case)) results.set(record.case, evaluateCase(parseCase(JSON.parse(readFileSync(path.join(root, record.case), "utf8")))));
        const result = results.get(record.case)!;
        for (const [key, value] of values) {
          const expected = lookup(result, key);
          expect(expected, `${name(s)}: no ${key} in the grad output`).toBeDefined();
          // The record is JSON, which writes −0 as 0: compare JSON with JSON.
          expect(value, `${name(s)}: ${key}`).toEqual(JSON.parse(JSON.stringify(expected)));
        }
      } else {
        expect(typeof record.check, `${name(s)}: an example without a case says how it was checked`).toBe("string");
      }
      const shown = numbersIn(text);
      for (const [key, value] of values) {
        for (const x of [value].flat(2) as number[]) {
          expect(shown.some((n) => n.matches(x)), `${name(s)}: ${key} = ${x} is not shown (e.g. as ${num(x)})`).toBe(true);
        }
      }
    }
  });

  it("on the RNN and LSTM equation slides, at least 3 symbols carry their example's numbers (an exercise's give nothing away)", () => {
    const exercises = slides.filter((s) => s.classList.contains("exercise"));
    for (const s of exercises) expect(s.querySelectorAll("[data-value]").length, name(s)).toBe(0);
    const equationSlides = slides.filter((s) => /slides\/0[234]-/.test(s.getAttribute("data-source") ?? "") && s.querySelector(".math-display") && !s.querySelector("script.deck-example") && !s.hasAttribute("data-no-example") && !s.classList.contains("exercise"));
    expect(equationSlides.length).toBeGreaterThanOrEqual(8);
    for (const s of equationSlides) {
      const symbols = [...s.querySelectorAll(".math-display [data-value]")];
      expect(symbols.length, name(s)).toBeGreaterThanOrEqual(3);
      for (const el of symbols) {
        const value = JSON.parse(el.getAttribute("data-value")!) as unknown;
        expect([value].flat(2).every((x) => typeof x === "number"), `${name(s)}: ${el.getAttribute("data-value")}`).toBe(true);
        expect(el.getAttribute("tabindex")).toBe("0");
        expect(el.getAttribute("aria-label")).toBe(el.getAttribute("data-value-label"));
      }
    }
  });

  it("the build reports what the formula checker checked", () => {
    expect(deck.formulas.notation).toBe("slides/notation.ts");
    expect(deck.formulas.formulas).toBeGreaterThanOrEqual(20);
    expect(deck.formulas.unchecked.length).toBeLessThanOrEqual(2);
  });

  it("every slide has speaker notes", () => {
    const without = slides.filter((s) => !s.querySelector("aside.notes")?.textContent?.trim()).map(name);
    expect(without).toEqual([]);
  });
});

describe.runIf(hasChromium)("the built deck in Chromium", () => {
  let browser: Awaited<ReturnType<typeof startBrowser>>;
  const singleFile = inject("builtDeckFile"); // shared, read-only (test/support/global-setup.ts)
  beforeAll(async () => {
    browser = await startBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("a live example recomputes every number in the browser with src/grad, and resets", async () => {
    const page = await browser.newPage({ viewport: { ...FRAME } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(pathToFileURL(singleFile).href + "#/lstm-delta-c-example");
    await waitForReady(page);
    const values = page.locator("section.present:not(.stack) .live-values");
    const shown = async (): Promise<string> => (await values.locator("annotation").allTextContents()).join(" ");
    const before = await shown();

    // Independently: what src/grad says δc¹ is with the forget-gate bias of unit 0 at −4.
    const json = JSON.parse(readFileSync(path.join(root, "slides/examples/tiny-lstm.json"), "utf8"));
    const staticDc = evaluateCase(parseCase(json)).deltas.c![1];
    json.params.bias_ih[2] = -4;
    const changedDc = evaluateCase(parseCase(json)).deltas.c![1];
    expect(before).toContain(num(staticDc[0]));

    await page.locator("section.present:not(.stack) input[data-path='params.bias_ih.2']").fill("-4");
    await page.waitForFunction(() => document.querySelector("section.present:not(.stack) .live-example")?.classList.contains("live-changed"));
    const after = await shown();
    for (const x of changedDc) expect(after).toContain(num(x));
    expect(after).not.toContain(num(staticDc[0]));
    expect(after).toMatch(/matches central finite differences to/);

    await page.locator("section.present:not(.stack) .live-controls button[type=reset]").click();
    await page.waitForFunction(() => !document.querySelector(".live-example.live-changed"));
    expect(await shown()).toBe(before);
    expect(errors).toEqual([]);

    // The printed deck shows the build's numbers and no controls.
    await page.goto(pathToFileURL(singleFile).href + "?print-pdf");
    await waitForReady(page);
    expect(await page.locator(".live-controls").first().isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it("a symbol's value shows on hover and on keyboard focus, and not in print", async () => {
    const page = await browser.newPage({ viewport: { ...FRAME } });
    await page.goto(pathToFileURL(singleFile).href + "#/lstm-delta-gates");
    await waitForReady(page);
    const symbol = page.locator("section.present:not(.stack) .math-display [data-value]").first();
    const label = await symbol.getAttribute("data-value-label");
    const tip = page.locator(".symbol-tip");
    await symbol.hover();
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(label);
    // δō¹ as src/grad computes it for the tiny case, at the example's step, is what the tip
    // shows (the offline file carries the label, not the value's seventeen digits: the
    // markup test above checks the site's recorded values)
    const dO = evaluateCase(parseCase(JSON.parse(readFileSync(path.join(root, "slides/examples/tiny-lstm.json"), "utf8")))).deltas.o![1];
    const shown = numbersIn(label ?? "");
    for (const x of [dO].flat(2) as number[]) expect(shown.some((n) => n.matches(x)), `${label} shows ${x}`).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isVisible()).toBe(false);
    // keyboard: Tab reaches a symbol and shows its value
    let focused = "";
    for (let k = 0; k < 20 && !focused; k++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.valueLabel ?? "");
    }
    expect(focused).not.toBe("");
    expect(await tip.textContent()).toBe(focused);
    expect(await tip.isVisible()).toBe(true);
    await page.goto(pathToFileURL(singleFile).href + "?print-pdf");
    await waitForReady(page);
    expect(await page.locator(".symbol-tip").count()).toBe(0); // no tooltip in print
    await page.close();
  }, 60_000);

  it("no slide overflows its 1280×720 frame, with every step shown; offline, nothing fails", async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pathToFileURL(singleFile).href);
    await waitForReady(page);
    // one drawn diagram for every ```mermaid fence in slides/
    const fences = readdirSync(path.join(root, "slides")).filter((f) => f.endsWith(".md")).reduce((n, f) => n + (readFileSync(path.join(root, "slides", f), "utf8").match(/^```mermaid/gm)?.length ?? 0), 0);
    expect(await page.locator(".diagram svg").count()).toBe(fences);
    expect(await page.locator(".katex").count()).toBeGreaterThan(100);
    const overflowing = await page.evaluate((size) => {
      type Deck = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f?: number): void; getScale(): number; configure(o: object): void };
      const deck = (window as unknown as { deck: Deck }).deck;
      deck.configure({ transition: "none", backgroundTransition: "none" }); // measure slides at rest
      const frame = document.querySelector(".reveal .slides")!.getBoundingClientRect();
      const bad: string[] = [];
      for (const slide of deck.getSlides()) {
        const { h, v } = deck.getIndices(slide);
        deck.slide(h, v, 999); // every fragment shown
        const scale = deck.getScale();
        for (const el of slide.querySelectorAll<HTMLElement>("*")) {
          // KaTeX draws braces and arrows as very wide SVG paths clipped by their box: skip those.
          if (el.closest("aside.notes, .katex-mathml, .katex svg") || el.getClientRects().length === 0) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if ((r.bottom - frame.top) / scale > size.height + 2 || (r.right - frame.left) / scale > size.width + 2) {
            bad.push(`${slide.dataset.source}: <${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round((r.right - frame.left) / scale)}×${Math.round((r.bottom - frame.top) / scale)}`);
            break;
          }
        }
      }
      return bad;
    }, FRAME);
    expect(overflowing).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
    expect(watch.networkRequests).toEqual([]);
    await watch.context.close();
  }, 120_000);
});
