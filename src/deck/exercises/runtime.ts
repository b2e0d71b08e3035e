// The computing half of exercises (plugin.ts loads it when first needed): answers computed
// with src/grad itself on the exercise's case — or on the case drawn from a seed, "new
// numbers" — number blanks checked within their tolerance, formula blanks and choices judged
// by the deck's own formula checker (src/formulas) with the deck's notation, a preview of the
// TeX as it is typed, and routes left out of the backward pass.
import katex from "katex";
import notation from "virtual:deck-notation";
import { num } from "../../author/snippet.ts";
import { DeckNotation } from "../../formulas/deck-notation.ts";
import { formulaExample, type FormulaExample } from "../../formulas/example.ts";
import { judgeFormula, type FormulaBlank, type Judgement } from "../../formulas/judge.ts";
import { drawCase, evaluateCase, isSeed, MAX_SEED, parseCase, type CaseResult } from "../../grad/index.ts";
import { MATH_MACROS, STILL_MACROS } from "../../shared/math-macros.ts";
import { toleranceOf, toleranceText } from "../../shared/tolerance.ts";
import { valueAtPath } from "../../shared/value-path.ts";
import { answerKeySections, filledFormulaTex, numberAnswer, type KeyEntry } from "./answer-key.ts";
import { breakRoutesReport } from "./break-routes.ts";
import { readNumber } from "./number-input.ts";
import { ProgressStore } from "./progress.ts";

interface ExerciseData {
  case: string;
  json: unknown;
  choices: Record<string, { right: number; before: string; after: string; options: string[] }>;
}

/** One exercise slide's numbers: its case as built, or drawn from a seed. */
interface SlideState {
  data: ExerciseData;
  json: unknown;
  result: CaseResult;
  seed?: number;
  tried: boolean;
}

type Verdict = "right" | "wrong" | "unreadable";

function say(verdict: HTMLElement | null, kind: Verdict, text: string): void {
  if (!verdict) return;
  verdict.dataset.verdict = kind;
  verdict.textContent = text;
}

const verdictOf = (control: Element): HTMLElement | null => document.getElementById(`${control.id}-verdict`) ?? control.parentElement?.querySelector<HTMLElement>(".exercise-verdict") ?? null;

/** A short number for a message: 4 significant digits, a typographic minus. */
const shown = (x: number): string => Number(x.toPrecision(4)).toString().replace("-", "−");

export class ExerciseRuntime {
  private readonly states = new WeakMap<HTMLElement, SlideState>();
  private readonly progress: ProgressStore;
  private readonly notation: DeckNotation | undefined;

  constructor(
    private readonly macros: Record<string, string>,
    progressKey: string,
  ) {
    this.progress = new ProgressStore(progressKey, globalThis.localStorage);
    this.notation = notation ? new DeckNotation(notation, macros, "slides/notation.ts") : undefined;
  }

  private state(slide: HTMLElement): SlideState | undefined {
    let state = this.states.get(slide);
    if (!state) {
      const script = slide.querySelector("script.exercise-data");
      if (!script) return undefined;
      const data = JSON.parse(script.textContent ?? "{}") as ExerciseData;
      state = { data, json: data.json, result: evaluateCase(parseCase(data.json)), tried: false };
      this.states.set(slide, state);
    }
    return state;
  }

  /** Before the print view is laid out: every exercise with the numbers of `seed` (if any),
   * and the answer key after the last slide (if asked). */
  prepareForPrint(slides: HTMLElement, seed: number | undefined, answers: boolean): void {
    const exercises = [...slides.querySelectorAll<HTMLElement>("section.exercise")];
    const entries: KeyEntry[] = [];
    for (const slide of exercises) {
      const state = this.state(slide);
      if (!state) continue;
      if (seed !== undefined) this.drawNumbers(slide, state, seed);
      const heading = slide.querySelector("h1, h2, h3")?.cloneNode(true) as HTMLElement | undefined;
      heading?.querySelectorAll(".katex-mathml").forEach((m) => m.remove());
      entries.push({ titleHtml: heading?.innerHTML ?? slide.id, answers: this.answersOf(slide, state) });
    }
    if (answers && entries.length > 0) slides.insertAdjacentHTML("beforeend", answerKeySections(entries, seed, (tex, display) => this.typeset(tex, display)).join(""));
  }

  /** Each answer of an exercise slide, as TeX. */
  private answersOf(slide: HTMLElement, state: SlideState): KeyEntry["answers"] {
    const numbers = [...slide.querySelectorAll<HTMLInputElement>("input.exercise-input")].map((input) =>
      numberAnswer(input.dataset.exercisePath ?? "", Number(valueAtPath(state.result, input.dataset.exercisePath ?? "")), Number(input.dataset.exerciseDecimals ?? 3)),
    );
    const formulas = [...slide.querySelectorAll<HTMLTextAreaElement>("textarea.exercise-tex")].map((box) => ({ tex: filledFormulaTex(box.dataset.exerciseBefore ?? "", box.dataset.exerciseFormula ?? "", box.dataset.exerciseAfter ?? "") }));
    const choices = Object.values(state.data.choices).map((c) => ({ tex: filledFormulaTex(c.before, c.options[c.right], c.after) }));
    return [...numbers, ...formulas, ...choices];
  }

  /** The slide became the current one. */
  shown(slide: HTMLElement): void {
    this.showProgress(slide);
  }

  async act(slide: HTMLElement, action: "check" | "answer" | "new-numbers"): Promise<void> {
    const state = this.state(slide);
    if (!state) return;
    if (action === "check") this.check(slide, state);
    else if (action === "answer") this.showAnswers(slide, state);
    else this.newNumbers(slide, state);
  }

  private check(slide: HTMLElement, state: SlideState): void {
    const verdicts: Verdict[] = [];
    for (const input of slide.querySelectorAll<HTMLInputElement>("input.exercise-input")) verdicts.push(this.checkNumber(input, state));
    for (const box of slide.querySelectorAll<HTMLTextAreaElement>("textarea.exercise-tex")) verdicts.push(this.checkFormula(box, slide, state));
    for (const [name, choices] of Object.entries(state.data.choices)) verdicts.push(this.checkChoice(slide, name, choices, state));
    state.tried = true;
    slide.querySelector<HTMLButtonElement>("[data-exercise-action=answer]")?.removeAttribute("disabled");
    if (verdicts.length > 0 && verdicts.every((v) => v === "right") && slide.id) this.progress.markSolved(slide.id);
    this.showProgress(slide);
  }

  private checkNumber(input: HTMLInputElement, state: SlideState): Verdict {
    const read = readNumber(input.value);
    const verdict = verdictOf(input);
    if ("problem" in read) {
      say(verdict, "unreadable", read.problem);
      return "unreadable";
    }
    const answer = Number(valueAtPath(state.result, input.dataset.exercisePath ?? ""));
    const tolerance = Number(input.dataset.exerciseTolerance);
    const off = read.value - answer;
    if (Math.abs(off) <= tolerance * (1 + 1e-9)) {
      say(verdict, "right", `right: ${shown(answer)}`);
      return "right";
    }
    say(verdict, "wrong", `wrong: ${off > 0 ? "too large" : "too small"} by ${shown(Math.abs(off))} (within ±${toleranceText(Number(input.dataset.exerciseDecimals ?? 3))} counts as right)`);
    return "wrong";
  }

  /** The examples a formula is judged on: the slide's numbers, and two other seeds'. */
  private examples(slide: HTMLElement, state: SlideState): FormulaExample[] {
    const base = state.seed ?? 1;
    const others = [1, 2].map((k) => ((base * 7919 + k * 104_729) % MAX_SEED) + 1);
    return [state.json, ...others.map((seed) => drawCase(state.data.json, seed))].map((json) => {
      const steps = (json as { x: unknown[] }).x.length;
      const cell = (json as { cell: string }).cell;
      return formulaExample(slide.id, { case: state.data.case, values: {} }, { cell, steps, named: notation?.values?.(json) ?? {} });
    });
  }

  private judge(slide: HTMLElement, state: SlideState, blank: FormulaBlank, typed: string): Judgement {
    if (!this.notation) return { verdict: "unreadable", message: "this deck has no notation table to check formulas with" };
    return judgeFormula(blank, typed, this.examples(slide, state), this.notation);
  }

  private checkFormula(box: HTMLTextAreaElement, slide: HTMLElement, state: SlideState): Verdict {
    const blank = { before: box.dataset.exerciseBefore ?? "", after: box.dataset.exerciseAfter ?? "", answer: box.dataset.exerciseFormula ?? "" };
    const judged = this.judge(slide, state, blank, box.value);
    say(verdictOf(box), judged.verdict, judged.verdict === "right" ? "right: it is the same function of the case at every time step, and for other seeds too" : `${judged.verdict === "wrong" ? "wrong" : "cannot check it"}: ${judged.message}`);
    return judged.verdict;
  }

  private checkChoice(slide: HTMLElement, name: string, choices: ExerciseData["choices"][string], state: SlideState): Verdict {
    const picked = slide.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(name)}"]:checked`);
    const verdict = picked?.closest("fieldset")?.querySelector<HTMLElement>(".exercise-verdict") ?? slide.querySelector<HTMLElement>("fieldset .exercise-verdict");
    if (!picked) {
      say(verdict, "unreadable", "choose one first");
      return "unreadable";
    }
    const k = Number(picked.value);
    if (k === choices.right) {
      say(verdict, "right", "right: with it the formula holds at every time step");
      return "right";
    }
    const judged = this.judge(slide, state, { before: choices.before, after: choices.after, answer: choices.options[choices.right] }, choices.options[k]);
    say(verdict, "wrong", `wrong: ${judged.verdict === "right" ? "not this one" : judged.message}`);
    return "wrong";
  }

  private showAnswers(slide: HTMLElement, state: SlideState): void {
    if (!state.tried) return;
    for (const input of slide.querySelectorAll<HTMLInputElement>("input.exercise-input")) {
      const answer = Number(valueAtPath(state.result, input.dataset.exercisePath ?? ""));
      const verdict = verdictOf(input);
      if (verdict) verdict.textContent = `${verdict.textContent ? `${verdict.textContent} — ` : ""}the answer: ${shown(answer)}`;
    }
    for (const box of slide.querySelectorAll<HTMLTextAreaElement>("textarea.exercise-tex")) {
      const preview = box.parentElement?.querySelector<HTMLElement>(".exercise-preview");
      if (preview) preview.innerHTML = `<span class="exercise-answer-label">the deck's answer:</span> ${this.typeset(filledFormulaTex(box.dataset.exerciseBefore ?? "", box.dataset.exerciseFormula ?? "", box.dataset.exerciseAfter ?? ""))}`;
    }
    for (const [name, choices] of Object.entries(state.data.choices)) {
      slide.querySelector(`input[type=radio][name="${CSS.escape(name)}"][value="${choices.right}"]`)?.closest("label")?.classList.add("exercise-answer");
    }
  }

  private typeset(tex: string, displayMode = true): string {
    return katex.renderToString(tex, { displayMode, throwOnError: false, output: "htmlAndMathml", macros: { ...MATH_MACROS, ...this.macros, ...STILL_MACROS } });
  }

  /** The slide's numbers drawn from a seed (the one typed, else a random one). */
  private newNumbers(slide: HTMLElement, state: SlideState): void {
    const typed = Number(slide.querySelector<HTMLInputElement>("input.exercise-seed-input")?.value.trim() || Number.NaN);
    const seed = isSeed(typed) ? typed : 1 + (crypto.getRandomValues(new Uint32Array(1))[0] % MAX_SEED);
    this.drawNumbers(slide, state, seed);
    for (const control of slide.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input.exercise-input, textarea.exercise-tex")) control.value = "";
    for (const verdict of slide.querySelectorAll<HTMLElement>(".exercise-verdict")) {
      verdict.textContent = "";
      delete verdict.dataset.verdict;
    }
    slide.querySelectorAll(".exercise-preview").forEach((p) => (p.innerHTML = ""));
    slide.querySelectorAll(".exercise-answer").forEach((l) => l.classList.remove("exercise-answer"));
    slide.querySelectorAll<HTMLInputElement>("input[type=radio]").forEach((r) => (r.checked = false));
    slide.querySelector("[data-exercise-action=answer]")?.setAttribute("disabled", "");
    const label = slide.querySelector<HTMLElement>(".exercise-seed");
    if (label) label.textContent = `new numbers: seed ${seed}`;
  }

  /** The slide's case drawn from `seed`: its numbers in the prose, its answers and tolerances. */
  private drawNumbers(slide: HTMLElement, state: SlideState, seed: number): void {
    state.seed = seed;
    state.json = drawCase(state.data.json, seed);
    state.result = evaluateCase(parseCase(state.json));
    state.tried = false;
    slide.dataset.seed = String(seed);
    for (const span of slide.querySelectorAll<HTMLElement>("[data-exercise-value]")) {
      const path = span.dataset.exerciseValue ?? "";
      const value = Number(path.startsWith("case.") ? valueAtPath(state.json, path.slice(5)) : valueAtPath(state.result, path));
      span.innerHTML = katex.renderToString(num(value, Number(span.dataset.exerciseDigits ?? 4)), { output: "htmlAndMathml", throwOnError: false });
    }
    for (const input of slide.querySelectorAll<HTMLInputElement>("input.exercise-input")) this.retolerate(input, state);
  }

  /** A blank's tolerance stays smaller than its answer: new numbers may ask for more decimals. */
  private retolerate(input: HTMLInputElement, state: SlideState): void {
    const answer = Math.abs(Number(valueAtPath(state.result, input.dataset.exercisePath ?? "")));
    let decimals = Number(input.dataset.exerciseDecimals ?? 3);
    while (toleranceOf(decimals) >= answer && decimals < 12 && answer > 0) decimals++;
    input.dataset.exerciseDecimals = String(decimals);
    input.dataset.exerciseTolerance = String(toleranceOf(decimals));
    input.setAttribute("aria-label", (input.getAttribute("aria-label") ?? "").replace(/to \d+ decimals/, `to ${decimals} decimals`));
  }

  /** The TeX typed so far, typeset in its formula (a message when it cannot be). */
  preview(box: HTMLTextAreaElement): void {
    const preview = box.parentElement?.querySelector<HTMLElement>(".exercise-preview");
    if (!preview) return;
    const tex = `${box.dataset.exerciseBefore ?? ""} {${box.value}} ${box.dataset.exerciseAfter ?? ""}`;
    try {
      preview.innerHTML = katex.renderToString(tex, { displayMode: true, throwOnError: true, output: "html", macros: { ...MATH_MACROS, ...this.macros, ...STILL_MACROS } });
    } catch (error) {
      preview.textContent = (error as Error).message.replace(/^KaTeX parse error: /, "not TeX yet: ");
    }
  }

  breakRoutes(form: HTMLFormElement): void {
    const data = JSON.parse(form.parentElement?.querySelector("script.break-routes-data")?.textContent ?? "{}") as { json: unknown };
    const drop = [...form.querySelectorAll<HTMLInputElement>("input[data-route]:checked")].map((i) => i.dataset.route ?? "");
    const output = form.querySelector("output");
    if (output) output.textContent = breakRoutesReport(data.json, drop);
  }

  private showProgress(slide: HTMLElement): void {
    const chapter = (slide.dataset.source ?? "").replace(/:\d+$/, "");
    const ids = [...document.querySelectorAll<HTMLElement>("section.exercise[id]")].filter((s) => (s.dataset.source ?? "").startsWith(`${chapter}:`)).map((s) => s.id);
    const label = slide.querySelector<HTMLElement>(".exercise-progress");
    if (label && ids.length > 0) label.textContent = this.progress.summary(ids);
  }
}
