// The deck's exercises in Chromium, as a student uses them: on every exercise slide each
// number blank accepts src/grad's answer (computed here, in Node) and rejects one off by more
// than its tolerance — with the slide's numbers and after "new numbers" from three seeds,
// whose numbers Node draws the same; every formula blank accepts the deck's own answer and
// rejects a slip, naming a time step; every choices list accepts its answer only; a decimal
// comma gets a message; progress survives a reload; "new numbers" leaves nothing of the last
// try; a route left out is seen to be wrong; the answer key prints every exercise's answers;
// every exercise as a student leaves it (wrong answers checked, every hint, the answer shown)
// is axe-clean, readable from the back row and inside its frame, in both themes.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { drawCase, evaluateCase, parseCase } from "../../src/grad/index.ts";
import { FRAME } from "../../src/shared/constants.ts";
import { valueAtPath } from "../../src/shared/value-path.ts";
import { hasChromium, waitForReady } from "../support/browser.ts";
import { installAloneInDocument, type AloneInDocument } from "../support/alone-in-document.ts";
import { builtDeckInChromium } from "../support/built-deck.ts";
import { measureTextSizes } from "../support/legibility.ts";
import { axeSource, COLOUR_RULES } from "../support/axe-source.ts";
import { switchThemeWithKey } from "../support/theme-key.ts";

const SEEDS = [3, 42, 1234];

interface Blank {
  slide: string;
  path: string;
  caseFile: string;
  tolerance: number;
}

describe.runIf(hasChromium)("exercises in the browser", () => {
  const deck = builtDeckInChromium();
  const open = (hash = "", query = ""): Promise<Page> => deck.open({ query, hash });

  /** Types `value` into the blank and checks; the verdict's data-verdict and text. */
  const answer = async (page: Page, slide: string, selector: string, value: string): Promise<{ verdict: string; text: string }> =>
    page.evaluate(
      async ({ slide, selector, value }) => {
        const section = document.getElementById(slide)!;
        const control = section.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
        control.value = value;
        const verdict = document.getElementById(`${control.id}-verdict`)!;
        verdict.removeAttribute("data-verdict");
        section.querySelector<HTMLButtonElement>("[data-exercise-action=check]")!.click();
        const plugin = (window as unknown as { Reveal: { getPlugin(id: string): { ready(): Promise<unknown> } } }).Reveal.getPlugin("exercises");
        await plugin.ready();
        for (let k = 0; k < 100 && !verdict.dataset.verdict; k++) await new Promise((r) => setTimeout(r, 20));
        return { verdict: verdict.dataset.verdict ?? "", text: verdict.textContent ?? "" };
      },
      { slide, selector, value },
    );

  const newNumbers = (page: Page, slide: string, seed: number): Promise<string> =>
    page.evaluate(
      async ({ slide, seed }) => {
        const section = document.getElementById(slide)!;
        section.querySelector<HTMLInputElement>("input.exercise-seed-input")!.value = String(seed);
        section.querySelector<HTMLButtonElement>("[data-exercise-action=new-numbers]")!.click();
        await (window as unknown as { Reveal: { getPlugin(id: string): { ready(): Promise<unknown> } } }).Reveal.getPlugin("exercises").ready();
        for (let k = 0; k < 100 && section.dataset.seed !== String(seed); k++) await new Promise((r) => setTimeout(r, 20));
        return section.dataset.seed ?? "";
      },
      { slide, seed },
    );

  it("has exercises, each after the slide that links to it", async () => {
    const page = await open();
    const found = await page.evaluate(() => [...document.querySelectorAll("section.exercise")].map((s) => s.id));
    expect(found.length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it("accepts src/grad's answer and rejects one off by more than the tolerance, before and after new numbers", async () => {
    const page = await open();
    const blanks = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>("section.exercise input.exercise-input")].map((i) => ({
        slide: i.closest("section")!.id,
        path: i.dataset.exercisePath!,
        caseFile: i.dataset.exerciseCase!,
        tolerance: Number(i.dataset.exerciseTolerance),
      })),
    );
    expect(blanks.length).toBeGreaterThan(0);
    const check = async (blank: Blank, json: unknown, label: string): Promise<void> => {
      const value = valueAtPath(evaluateCase(parseCase(json)), blank.path) as number;
      const tolerance = await page.evaluate(({ slide, path }) => Number(document.querySelector<HTMLInputElement>(`#${slide} input[data-exercise-path="${path}"]`)!.dataset.exerciseTolerance), blank);
      const selector = `input[data-exercise-path="${blank.path}"]`;
      expect(await answer(page, blank.slide, selector, String(value)), `${label}: ${blank.slide} ${blank.path} = ${value}`).toMatchObject({ verdict: "right" });
      expect(await answer(page, blank.slide, selector, String(value + 2.5 * tolerance)), `${label}: off by 2.5 tolerances`).toMatchObject({ verdict: "wrong" });
      expect(await answer(page, blank.slide, selector, String(value - 2.5 * tolerance).replace("-", "−")), `${label}: typographic minus`).toMatchObject({ verdict: "wrong" });
    };
    for (const blank of blanks) {
      const json = JSON.parse(readFileSync(blank.caseFile, "utf8")) as unknown;
      await check(blank, json, "the slide's numbers");
      for (const seed of SEEDS) {
        expect(await newNumbers(page, blank.slide, seed)).toBe(String(seed));
        await check(blank, drawCase(json, seed), `seed ${seed}`);
      }
    }
    await page.close();
  });

  it("reads a decimal comma as a question, not as a number", async () => {
    const page = await open();
    const slide = await page.evaluate(() => document.querySelector("section.exercise input.exercise-input")!.closest("section")!.id);
    const judged = await answer(page, slide, "input.exercise-input", "-0,5");
    expect(judged.verdict).toBe("unreadable");
    expect(judged.text).toMatch(/decimal point as a point: -0\.5/);
    await page.close();
  });

  it("judges formula blanks: the deck's own answer is right, a slip is wrong at a named time step", async () => {
    const page = await open();
    const boxes = await page.evaluate(() => [...document.querySelectorAll<HTMLTextAreaElement>("textarea.exercise-tex")].map((t) => ({ slide: t.closest("section")!.id, id: t.id, answer: t.dataset.exerciseFormula! })));
    for (const box of boxes) {
      expect(await answer(page, box.slide, `#${box.id}`, box.answer), box.answer).toMatchObject({ verdict: "right" });
      const slip = box.answer.includes("^{t+1}") ? box.answer.replace("^{t+1}", "^{t}") : box.answer.replace("^{t}", "^{t+1}");
      const judged = await answer(page, box.slide, `#${box.id}`, slip);
      expect(judged.verdict, slip).toBe("wrong");
      expect(judged.text).toMatch(/t = \d/);
    }
    await page.close();
  });

  it("keeps progress across a reload, and shows a route left out going wrong", async () => {
    const page = await open();
    const blank = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>("section.exercise input.exercise-input")!;
      return { slide: input.closest("section")!.id, path: input.dataset.exercisePath!, caseFile: input.dataset.exerciseCase! };
    });
    const value = valueAtPath(evaluateCase(parseCase(JSON.parse(readFileSync(blank.caseFile, "utf8")))), blank.path) as number;
    const slideBlanks = await page.evaluate((id) => document.querySelectorAll(`#${id} input.exercise-input, #${id} textarea.exercise-tex, #${id} fieldset.exercise-choices`).length, blank.slide);
    if (slideBlanks === 1) {
      expect((await answer(page, blank.slide, `input[data-exercise-path="${blank.path}"]`, String(value))).verdict).toBe("right");
      await page.reload();
      await waitForReady(page);
      await page.evaluate((id) => {
        const reveal = (window as unknown as { Reveal: { slide(h: number, v: number): void; getIndices(el: Element): { h: number; v: number } } }).Reveal;
        const at = reveal.getIndices(document.getElementById(id)!);
        reveal.slide(at.h, at.v);
      }, blank.slide);
      await page.waitForFunction((id) => /^[1-9]\d* of \d+ solved in this chapter$/.test(document.querySelector(`#${id} .exercise-progress`)?.textContent ?? ""), blank.slide);
    }
    const report = await page.evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>("form.break-routes");
      if (!form) return "";
      form.querySelector<HTMLInputElement>("input[data-route]")!.click();
      await (window as unknown as { Reveal: { getPlugin(id: string): { ready(): Promise<unknown> } } }).Reveal.getPlugin("exercises").ready();
      const output = form.querySelector("output")!;
      for (let k = 0; k < 100 && !output.textContent; k++) await new Promise((r) => setTimeout(r, 20));
      return output.textContent ?? "";
    });
    expect(report).toMatch(/off from finite differences by [\d.]+ % at t = \d/);
    await page.close();
  });

  /** Every exercise slide as a student may leave it: each blank answered wrong (a number off,
   * the deck's formula with a time index slipped, a wrong choice) and checked, every hint
   * shown, then the answer. What the slides show then is the longest they get. The slides'
   * ids, and what of each then runs past the frame as the student sees it. */
  const tryEveryExercise = (page: Page): Promise<{ ids: string[]; cut: string[] }> =>
    page.evaluate(async (frame) => {
      type Deck = { slide(h: number, v: number): void; getIndices(el: Element): { h: number; v: number }; configure(o: object): void; getPlugin(id: string): { ready(): Promise<unknown> } };
      const deck = (window as unknown as { Reveal: Deck }).Reveal;
      deck.configure({ transition: "none", backgroundTransition: "none" });
      await deck.getPlugin("exercises").ready();
      const settle = async (done: () => boolean): Promise<void> => {
        for (let k = 0; k < 100 && !done(); k++) await new Promise((r) => setTimeout(r, 20));
      };
      const ids: string[] = [];
      const cut: string[] = [];
      for (const slide of document.querySelectorAll<HTMLElement>("section.exercise")) {
        const at = deck.getIndices(slide);
        deck.slide(at.h, at.v);
        slide.querySelectorAll<HTMLInputElement>("input.exercise-input").forEach((i) => (i.value = "12.5"));
        for (const box of slide.querySelectorAll<HTMLTextAreaElement>("textarea.exercise-tex")) {
          const answer = box.dataset.exerciseFormula!;
          box.value = answer.includes("^{t+1}") ? answer.replace("^{t+1}", "^{t}") : answer.replace("^{t}", "^{t+1}");
        }
        const data = JSON.parse(slide.querySelector("script.exercise-data")!.textContent!) as { choices: Record<string, { right: number }> };
        for (const [name, { right }] of Object.entries(data.choices)) {
          const wrong = [...slide.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(name)}"]`)].find((r) => Number(r.value) !== right);
          wrong!.checked = true;
        }
        slide.querySelector<HTMLButtonElement>("[data-exercise-action=check]")!.click();
        const verdicts = [...slide.querySelectorAll<HTMLElement>(".exercise-verdict")];
        await settle(() => verdicts.every((v) => v.dataset.verdict));
        const hint = slide.querySelector<HTMLButtonElement>("[data-exercise-action=hint]");
        for (let k = 0; hint && !hint.disabled && k < 10; k++) hint.click();
        const answer = slide.querySelector<HTMLButtonElement>("[data-exercise-action=answer]")!;
        await settle(() => !answer.disabled);
        answer.click();
        await settle(() => [...slide.querySelectorAll(".exercise-preview")].every((p) => p.innerHTML !== ""));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        ids.push(slide.id);
        const box = document.querySelector(".reveal .slides")!.getBoundingClientRect();
        const scale = box.width / frame.width;
        const last = [...slide.querySelectorAll<HTMLElement>("*")].find((el) => !el.closest("aside.notes, .katex-mathml, .katex svg, script") && el.getClientRects().length > 0 && (el.getBoundingClientRect().bottom - box.top) / scale > frame.height);
        if (last) cut.push(`${slide.id}: <${last.tagName.toLowerCase()} class="${last.className}"> ends at ${Math.round((last.getBoundingClientRect().bottom - box.top) / scale)} px`);
      }
      return { ids, cut };
    }, FRAME);

  it("new numbers leave nothing of the last try: no answer typed or chosen, no verdict, no answer shown", async () => {
    const page = await open();
    const { ids } = await tryEveryExercise(page);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const left = await page.evaluate(async (ids) => {
      const plugin = (window as unknown as { Reveal: { getPlugin(id: string): { ready(): Promise<unknown> } } }).Reveal.getPlugin("exercises");
      const found: string[] = [];
      for (const id of ids) {
        const slide = document.getElementById(id)!;
        const prose = [...slide.querySelectorAll("[data-exercise-value]")].map((s) => s.textContent).join(" ");
        // what there is to clear: the try left verdicts and the answer shown
        if (![...slide.querySelectorAll<HTMLElement>(".exercise-verdict")].some((v) => v.dataset.verdict)) found.push(`${id}: no verdict before new numbers`);
        const answerShown = slide.querySelector(".exercise-answer") !== null || [...slide.querySelectorAll(".exercise-preview")].some((p) => p.innerHTML) || [...slide.querySelectorAll(".exercise-verdict")].some((v) => v.textContent?.includes("the answer:"));
        if (!answerShown) found.push(`${id}: no answer shown before new numbers`);
        slide.querySelector<HTMLInputElement>("input.exercise-seed-input")!.value = "42";
        slide.querySelector<HTMLButtonElement>("[data-exercise-action=new-numbers]")!.click();
        await plugin.ready();
        for (let k = 0; k < 100 && slide.dataset.seed !== "42"; k++) await new Promise((r) => setTimeout(r, 20));
        const say = (what: string, bad: boolean): void => void (bad && found.push(`${id}: ${what}`));
        say("a typed answer kept", [...slide.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input.exercise-input, textarea.exercise-tex")].some((c) => c.value !== ""));
        say("a choice kept", slide.querySelector("input[type=radio]:checked") !== null);
        say("a verdict kept", [...slide.querySelectorAll<HTMLElement>(".exercise-verdict")].some((v) => v.dataset.verdict || v.textContent));
        say("the answer still shown", slide.querySelector(".exercise-answer") !== null || [...slide.querySelectorAll(".exercise-preview")].some((p) => p.innerHTML));
        say("Show answer before a try", !slide.querySelector<HTMLButtonElement>("[data-exercise-action=answer]")!.disabled);
        say("no word of the new seed", !/seed 42/.test(slide.querySelector(".exercise-seed")?.textContent ?? ""));
        say("the prose's numbers unchanged", prose !== "" && prose === [...slide.querySelectorAll("[data-exercise-value]")].map((s) => s.textContent).join(" "));
      }
      return found;
    }, ids);
    expect(left).toEqual([]);
    await page.close();
  });

  it("prints an answer key: every exercise, its formulas with the blank's box filled, nothing typeset as an error", async () => {
    const page = await open("", "?print-pdf&answers");
    const key = await page.evaluate(() => ({
      exercises: document.querySelectorAll("section.exercise").length,
      entries: document.querySelectorAll("section.answer-key li").length,
      errors: [...document.querySelectorAll("section.answer-key .katex-error")].map((e) => e.textContent),
      formulas: document.querySelectorAll("section.answer-key .answer-key-item .katex-display").length,
      filled: document.querySelectorAll("section.answer-key .answer-key-item .katex-display .fbox").length,
    }));
    expect(key.entries).toBe(key.exercises);
    expect(key.errors).toEqual([]);
    expect(key.formulas).toBeGreaterThan(5);
    expect(key.filled).toBe(key.formulas);
    await page.close();
  });

  it("every exercise with its verdicts, hints and answer shown: axe-clean, text of 18 px or more, inside its frame, in both themes (axe: the rules that read colours in the light one, every rule in the dark one; the themes differ only in colours)", async () => {
    const page = await open("", "?theme=light");
    const { ids, cut } = await tryEveryExercise(page);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(cut).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll("section.exercise .exercise-verdict:not([data-verdict=wrong])").length)).toBe(0);
    // axe-core builds its tree of the whole document on every run: without the deck's other
    // slides a run takes a fraction of the time, and sees an exercise slide as it was
    await page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { sync(): void } }).Reveal;
      for (const slide of document.querySelectorAll(".reveal .slides section:not(.exercise):not(:has(section))")) slide.remove();
      for (const stack of document.querySelectorAll(".reveal .slides section:not(.exercise):not(:has(section))")) stack.remove();
      deck.sync();
    });
    await page.addScriptTag({ content: axeSource });
    await installAloneInDocument(page);
    const check = (only: readonly string[] | undefined): Promise<string[]> =>
      page.evaluate(
        async ({ ids, only }) => {
          type Deck = { slide(h: number, v: number): void; getIndices(el: Element): { h: number; v: number } };
          const deck = (window as unknown as { Reveal: Deck }).Reveal;
          const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
          const { aloneInDocument } = window as unknown as { aloneInDocument: AloneInDocument };
          const found: string[] = [];
          for (const id of ids) {
            const slide = document.getElementById(id)!;
            const at = deck.getIndices(slide);
            deck.slide(at.h, at.v);
            // and only this exercise in the document while axe looks (the others, answers and
            // all, made each run take 1.7 s; they are hidden from it anyway)
            const putBack = aloneInDocument(slide);
            try {
              const result = await axe.run(slide, { resultTypes: ["violations"], ...(only ? { runOnly: { type: "rule", values: only } } : {}) });
              found.push(...result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${id}: ${v.id} (${v.nodes.length})`));
            } finally {
              putBack();
            }
          }
          return found;
        },
        { ids, only },
      );
    const sizesAndPlaces = async (): Promise<{ small: string[]; outside: string[] }> => {
      const sizes = (await measureTextSizes(page)).filter((s) => s.slide !== "(slide number)");
      expect(new Set(sizes.map((s) => s.slide)).size).toBe(ids.length);
      return {
        small: sizes.filter((s) => s.px < 18).map((s) => `${s.slide}: "${s.text}" at ${s.px} px (${s.where})`),
        // clear of the frame's edges, as every slide's text is (test/deck/classroom.test.ts)
        outside: sizes
          .filter((s) => s.box.left < 46 || s.box.right > FRAME.width - 46 || s.box.top < 0 || s.box.bottom > FRAME.height - 30)
          .map((s) => `${s.slide}: "${s.text}" at ${Math.round(s.box.left)}…${Math.round(s.box.right)} × ${Math.round(s.box.top)}…${Math.round(s.box.bottom)}`),
      };
    };
    const light = { violations: await check(COLOUR_RULES), ...(await sizesAndPlaces()) };
    await switchThemeWithKey(page, "dark"); // the presenter's own switch
    const dark = { violations: await check(undefined), ...(await sizesAndPlaces()) };
    const clean = { violations: [], small: [], outside: [] };
    expect({ light, dark }).toEqual({ light: clean, dark: clean });
    await page.close();
  }, 300_000);
});
