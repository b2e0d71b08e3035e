// Stage "exercises": every exercise slide (class "exercise", with data-exercise-case) checked
// against its case and given its controls. A number blank must name a number of the case's
// grad output, with a tolerance smaller than that number; a formula blank's answer holds on
// the case (the formulas stage checks it); each choice of a `::: choices` list is filled into
// the blank and checked too — the answer must be among them, and every other one must make
// the formula fail, or the checker could not tell it from the answer. An exercise is linked
// (`{.exercise-link}`) from the slide it practises, which comes before it.
import { splitBlank, filledTex } from "../../formulas/judge.ts";
import { escapeHtml } from "../../shared/html.ts";
import { toleranceOf, toleranceText } from "../../shared/tolerance.ts";
import { valueAtPath } from "../../shared/value-path.ts";
import type { SourceLocation } from "../diagnostics.ts";
import katex from "katex";
import { MATH_MACROS } from "../../shared/math-macros.ts";
import { breakRoutesHtml, exerciseControls, formulaBlankHtml, numberBlankHtml, choicesHeadHtml, type ExerciseData, type ExerciseIds } from "../html/exercise-html.ts";
import { exampleRecordOf, type ChoicesFact, type FormulaFact, type SlideModel } from "../model.ts";
import type { CaseEvaluation } from "../snippets/types.ts";
import type { DeckState } from "../state.ts";
import { checkedOn, rememberedCheck } from "./formulas.ts";

const EXERCISE_HINT = `an exercise slide: <!-- .slide: class="exercise" data-exercise-case="slides/examples/NAME.json" -->`;

export async function exercisesStage(state: DeckState): Promise<void> {
  checkExerciseLinks(state);
  for (const slide of state.slides) {
    if (slide.attributes.breakRoutes) await fillBreakRoutes(state, slide, slide.attributes.breakRoutes);
    const { facts } = slide;
    const blankFormulas = facts.formulas.filter((f) => f.blankSlot !== undefined);
    const things: SourceLocation[] = [...facts.numberBlanks.map((b) => b.at), ...facts.choices.map((c) => c.at), ...blankFormulas.map((f) => f.at)];
    const exercise = slide.attributes.exercise;
    if (!exercise) {
      for (const at of things) state.diagnostics.error(at, `exercise: a blank or choices outside ${EXERCISE_HINT}`);
      continue;
    }
    const start = { file: slide.source.file, line: slide.source.line, col: 1 };
    if (!exercise.case) {
      state.diagnostics.error(start, `exercise: the slide has no case (data-exercise-case="slides/examples/NAME.json")`);
      continue;
    }
    if (things.length === 0) state.diagnostics.error(start, "exercise: nothing to fill in — a number {{? path | decimals}}, a formula with \\blank{…}, or choices");
    const evaluation = await state.cases.get(exercise.case);
    if (typeof evaluation === "string") {
      state.diagnostics.error(start, `exercise: ${evaluation}`);
      continue;
    }
    await fillExercise(state, slide, exercise.case, evaluation);
  }
}

/** An example slide's "break a route" switches: routes of its case's cell. */
async function fillBreakRoutes(state: DeckState, slide: SlideModel, routes: readonly string[]): Promise<void> {
  const start = { file: slide.source.file, line: slide.source.line, col: 1 };
  const caseFile = exampleRecordOf(slide)?.case;
  if (!caseFile) {
    state.diagnostics.error(start, "data-break-routes: only an example slide about a case (deckExample({ case, … })) can leave out routes");
    return;
  }
  const evaluation = await state.cases.get(caseFile);
  if (typeof evaluation === "string") {
    state.diagnostics.error(start, `data-break-routes: ${evaluation}`);
    return;
  }
  const unknown = routes.filter((r) => !evaluation.routes.includes(r));
  if (unknown.length > 0 || routes.length === 0) {
    state.diagnostics.error(start, `data-break-routes: ${unknown.length ? `no route ${unknown.map((r) => `"${r}"`).join(", ")} in` : "name the routes of"} ${evaluation.cell === "lstm" ? "an" : "a"} ${evaluation.cell.toUpperCase()} (its routes: ${evaluation.routes.join(", ")})`);
    return;
  }
  const typeset = (tex: string): string =>
    state.cache.markupFor(`route\0${JSON.stringify(state.options.macros)}\0${tex}`, () => ({ html: katex.renderToString(tex, { macros: { ...MATH_MACROS, ...state.options.macros }, output: "htmlAndMathml", throwOnError: false }), keep: true }));
  slide.html.slots[slide.facts.controlsSlot!] = breakRoutesHtml(caseFile, evaluation.json, routes, typeset, idsOf(slide).of(slide.facts.controlsSlot!));
}

/** Ids unique in the deck for one slide's controls. */
function idsOf(slide: SlideModel): ExerciseIds {
  const base = `ex-${slide.source.file.replace(/[^\w]+/g, "-")}-${slide.source.line}`;
  return { of: (slot: number) => `${base}-${slot}` };
}

async function fillExercise(state: DeckState, slide: SlideModel, caseFile: string, evaluation: CaseEvaluation): Promise<void> {
  const { facts, html } = slide;
  const ids = idsOf(slide);
  for (const blank of facts.numberBlanks) {
    const value = valueAtPath(evaluation.output, blank.path);
    if (typeof value !== "number") {
      state.diagnostics.error(blank.at, `exercise: {{? ${blank.path}}}: no number at "${blank.path}" in the grad output of ${caseFile} (npm run grad -- ${caseFile} prints it)`);
      continue;
    }
    if (toleranceOf(blank.decimals) >= Math.abs(value)) {
      state.diagnostics.error(blank.at, `exercise: {{? ${blank.path} | ${blank.decimals}}}: a tolerance of ${toleranceText(blank.decimals)} (${blank.decimals} decimals) is not smaller than the value's size (${Math.abs(value).toPrecision(2)}): ask for more decimals`);
    }
    html.slots[blank.slot] = numberBlankHtml(caseFile, blank, ids);
  }
  const rights: ExerciseData["choices"] = {};
  for (const formula of facts.formulas.filter((f) => f.blankSlot !== undefined)) {
    const blank = splitBlank(formula.tex);
    if (!blank) {
      state.diagnostics.error(formula.at, "exercise: \\blank needs its answer in braces, \\blank{…}");
      continue;
    }
    const choices = choicesAfter(slide, formula);
    if (!choices) {
      html.slots[formula.blankSlot!] = formulaBlankHtml(caseFile, blank, ids.of(formula.blankSlot!));
      continue;
    }
    const right = await checkChoices(state, slide, caseFile, formula, choices);
    if (right !== undefined) rights[choiceName(choices)] = { right, before: blank.before, after: blank.after, options: choices.choices.map((c) => c.tex) };
    html.slots[choices.slot] = choicesHeadHtml(ids.of(choices.slot));
    html.slots[formula.blankSlot!] = "";
  }
  for (const choices of facts.choices) if (!facts.formulas.some((f) => choicesAfter(slide, f) === choices)) state.diagnostics.error(choices.at, "exercise: choices fill the \\blank{…} of a display formula written right before them");
  const controls = facts.controlsSlot;
  if (controls !== undefined) html.slots[controls] = exerciseControls({ case: caseFile, json: evaluation.json, choices: rights }, facts.hints);
}

/** The `::: choices` list that fills this formula's blank: the first one after it, before any
 * other blank formula. */
function choicesAfter(slide: SlideModel, formula: FormulaFact): ChoicesFact | undefined {
  const later = (a: SourceLocation, b: SourceLocation): boolean => a.line > b.line || (a.line === b.line && a.col > b.col);
  const next = slide.facts.formulas.filter((f) => f.blankSlot !== undefined && later(f.at, formula.at)).sort((a, b) => a.at.line - b.at.line)[0];
  return slide.facts.choices.find((c) => later(c.at, formula.at) && (!next || later(next.at, c.at)));
}

/** The radios' group name (markdown/exercises.ts names each list by its file and line). */
function choiceName(choices: ChoicesFact): string {
  return `choice-${choices.at.file.replace(/[^\w]+/g, "-")}-${choices.at.line}`;
}

/** Each choice in the blank, checked: the answer is among them and the only one that holds.
 * Returns the answer's index. */
async function checkChoices(state: DeckState, slide: SlideModel, caseFile: string, formula: FormulaFact, choices: ChoicesFact): Promise<number | undefined> {
  const blank = splitBlank(formula.tex)!;
  const same = (a: string, b: string): boolean => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");
  const right = choices.choices.findIndex((c) => same(c.tex, blank.answer));
  if (right < 0) state.diagnostics.error(choices.at, `exercise: the formula's answer (\\blank{${blank.answer}}) is not among its choices`);
  if (choices.choices.length < 2) state.diagnostics.error(choices.at, "exercise: choices need two items or more, each with its formula between $…$");
  if (!state.checker) {
    state.diagnostics.error(choices.at, "exercise: choices are checked with the deck's notation table, and the deck has none (slides/notation.ts)");
    return right < 0 ? undefined : right;
  }
  const example = await state.checker.exampleFor(slide.attributes.id ?? "exercise", { case: caseFile, values: {} });
  if (typeof example === "string") return undefined; // reported with the formula
  const on = checkedOn(example, state.checker.notation, state);
  for (const [k, choice] of choices.choices.entries()) {
    if (k === right) continue;
    const report = rememberedCheck(state, filledTex(blank, choice.tex), example, state.checker.notation, on);
    const unreadable = report.problems.find((p) => !/does not hold/.test(p.message));
    if (unreadable) state.diagnostics.error(choice.at, `exercise: this choice cannot be checked: ${unreadable.message}`);
    else if (report.checked && report.problems.length === 0) {
      state.diagnostics.error(choice.at, `exercise: the checker cannot tell this choice from the answer: with it in the blank the formula holds on ${caseFile} too`);
    }
  }
  return right < 0 ? undefined : right;
}

/** Exercise links from a slide land on exercise slides (from an exercise: back on any slide),
 * and each exercise is linked from a slide before it. */
function checkExerciseLinks(state: DeckState): void {
  const position = new Map(state.slides.map((s, k) => [s.attributes.id, k] as const));
  const linkedFrom = new Map<string, number[]>();
  state.slides.forEach((slide, k) => {
    for (const link of slide.facts.links.filter((l) => l.exerciseLink)) {
      const id = decodeURIComponent(link.href.replace(/^#\//, ""));
      const target = position.get(id);
      const back = slide.attributes.exercise !== undefined;
      if (target === undefined || (!back && !state.slides[target].attributes.exercise)) {
        state.diagnostics.error(link.at, `exercise link "${escapeHtml(link.href)}" does not lead to ${back ? "a slide" : "an exercise slide"}`);
        continue;
      }
      if (back) continue;
      linkedFrom.set(id, [...(linkedFrom.get(id) ?? []), k]);
    }
  });
  state.slides.forEach((slide, k) => {
    if (!slide.attributes.exercise) return;
    const id = slide.attributes.id;
    const at = { file: slide.source.file, line: slide.source.line, col: 1 };
    if (!id) state.diagnostics.error(at, `exercise: the slide needs an id, for the slide it practises to link to it (<!-- .slide: id="…" -->)`);
    else if (!(linkedFrom.get(id) ?? []).some((from) => from < k)) {
      state.diagnostics.error(at, `exercise: link it from the slide it practises, which comes before it: [practise](#/${id}){.exercise-link}`);
    }
  });
}
