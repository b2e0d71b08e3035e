// Stage "formulas": every display formula of an equation slide is evaluated on its linked
// example — both sides, at every time step where it is defined — with the deck's notation
// table (slides/notation.ts). A formula that does not hold, uses a symbol the table lacks
// or a construct the checker does not support is an error at its row; a formula marked
// data-unchecked="why" is listed instead. Checked formulas are typeset again with each
// symbol carrying its value in the example. Decks without a notation table check nothing.
import { createHash } from "node:crypto";
import { checkFormula, type FormulaReport, type ShownSymbol } from "../../formulas/check.ts";
import { DeckNotation, isNotationProblem } from "../../formulas/deck-notation.ts";
import { formulaExample, type FormulaExample, type NamedCase } from "../../formulas/example.ts";
import { filledTex, splitBlank } from "../../formulas/judge.ts";
import { withReferences, withTags } from "../labels.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { annotateFormula } from "../html/symbol-values.ts";
import type { ExampleRecord } from "../../author/snippet.ts";
import type { Notation } from "../../author/notation.ts";
import { linkedExample, slidesById, type FormulaFact, type SlideModel } from "../model.ts";
import { offsetLocation } from "../markdown/math.ts";
import type { DeckState, ExampleFor } from "../state.ts";

export async function formulasStage(state: DeckState): Promise<void> {
  const file = state.notationFile;
  if (!file) return;
  state.formulas.notation = file;
  const at: SourceLocation = { file, line: 1, col: 1 };
  const loaded = await state.services.loadNotation(file);
  loaded.deps.forEach((d) => state.snippetDeps.add(d));
  if (!loaded.ok) {
    state.diagnostics.error(at, `notation: ${loaded.message}`);
    return;
  }
  const notation = notationOf(state, loaded.value, file);
  const reported = new Set<string>();
  const exampleFor = async (id: string, record: ExampleRecord): Promise<FormulaExample | string> => {
    let named: NamedCase | undefined;
    if (record.case) {
      const evaluation = await state.cases.get(record.case);
      if (typeof evaluation === "string") return `the values of ${evaluation}`;
      if (!evaluation.named) return `the values of ${record.case}: ${file} has no values(json)`;
      named = { cell: evaluation.cell, steps: evaluation.steps, named: evaluation.named };
    }
    const example = formulaExample(id, record, named);
    const table = notation.table(example.table.kind, example.table.name);
    if (isNotationProblem(table) && table.errors && !reported.has(table.errors)) {
      reported.add(table.errors);
      state.diagnostics.error(at, `notation: ${table.errors}`);
    }
    return example;
  };
  state.checker = { notation, exampleFor };
  await checkSlides(state, exampleFor, notation);
}

/** The deck's notation with its tables compiled: once per session while the module and the
 * macros stay the same. */
function notationOf(state: DeckState, source: Notation, file: string): DeckNotation {
  const macros = JSON.stringify(state.options.macros);
  const kept = state.cache.notations.get(source);
  if (kept && kept.macros === macros && kept.notation.file === file) return kept.notation;
  const notation = new DeckNotation(source, state.options.macros, file);
  state.cache.notations.set(source, { macros, notation });
  return notation;
}

/** What a slide's formulas are checked on: its linked example, or an exercise's own case. */
function exampleOf(slide: SlideModel, byId: ReadonlyMap<string, SlideModel>): { id: string; record: ExampleRecord } | undefined {
  const exercise = slide.attributes.exercise;
  if (exercise) return exercise.case ? { id: slide.attributes.id ?? `${slide.source.file}:${slide.source.line}`, record: { case: exercise.case, values: {} } } : undefined;
  if (slide.facts.examples.length > 0 || slide.attributes.noExample !== undefined) return undefined;
  return linkedExample(slide, byId); // none: reported by the checks stage
}

/** The TeX the checker reads: an exercise's blank holds its answer. */
function checkedTex(formula: FormulaFact): { tex: string; offset: (at: number) => number } {
  const blank = formula.blankSlot === undefined ? undefined : splitBlank(formula.tex);
  if (!blank) return { tex: formula.tex, offset: (at) => at };
  const shift = formula.tex.length - filledTex(blank, blank.answer).length; // \blank is gone
  return { tex: filledTex(blank, blank.answer), offset: (at) => (at > blank.before.length ? at + shift : at) };
}

/** What a check's result depends on besides the formula: the example and the notation (the
 * hash of a big object worked out once per session: the worker's answers keep their identity). */
export function checkedOn(example: FormulaExample, notation: DeckNotation, state: DeckState): string {
  const hashOf = (value: object): string => {
    let hash = state.cache.hashes.get(value);
    if (!hash) state.cache.hashes.set(value, (hash = createHash("sha256").update(JSON.stringify(value)).digest("hex")));
    return hash;
  };
  const { values, ...rest } = example;
  return `${hashOf(values)}\0${hashOf(notation.source)}\0${JSON.stringify([rest, notation.macros])}`;
}

/** `tex` checked on `example` with `notation`: the same formula on the same example (`on`,
 * from checkedOn) checks the same, so a session, and the next, checks it once. */
export function rememberedCheck(state: DeckState, tex: string, example: FormulaExample, notation: DeckNotation, on: string): FormulaReport {
  return state.cache.checks.remember(`${tex}\0${on}`, () => ({ value: checkFormula({ tex }, example, notation), keep: true }));
}

async function checkSlides(state: DeckState, exampleFor: ExampleFor, notation: DeckNotation): Promise<void> {
  const byId = slidesById(state.slides);
  for (const slide of state.slides) {
    const formulas = slide.facts.formulas.filter((f) => f.place === "slide");
    const linked = formulas.length > 0 ? exampleOf(slide, byId) : undefined;
    if (!linked) continue;
    const example = await exampleFor(linked.id, linked.record);
    const on = typeof example === "string" ? "" : checkedOn(example, notation, state);
    for (const formula of formulas) {
      const reason = (formula.slot === undefined ? undefined : slide.attributes.formulaUnchecked[formula.slot]) ?? slide.attributes.unchecked;
      if (reason !== undefined) {
        if (!reason.trim()) state.diagnostics.error(formula.at, `data-unchecked needs a reason, e.g. data-unchecked="a definition, not an identity"`);
        state.formulas.unchecked.push(`${formula.at.file}:${formula.at.line}: ${reason}`);
        continue;
      }
      if (typeof example === "string") {
        state.diagnostics.error(formula.at, `formula: cannot check against the example "${linked.id}": ${example}`);
        continue;
      }
      const checked = checkedTex(formula);
      const report = rememberedCheck(state, checked.tex, example, notation, on);
      for (const p of report.problems) state.diagnostics.error(offsetLocation(formula.at, formula.tex, checked.offset(p.offset)), `formula: ${p.message.replace("the notation table", `the notation table (${notation.file})`)}`);
      if (!report.checked) continue;
      state.formulas.formulas++;
      state.formulas.relations += report.relations;
      state.checked.push({ at: formula.at, slide: slide.attributes.id ?? "", tex: checked.tex, example, notation });
      // an exercise's formulas do not give their numbers away
      if (report.problems.length === 0 && report.symbols.length > 0 && formula.slot !== undefined && !slide.attributes.exercise) annotate(state, slide, formula, report.symbols);
    }
  }
}

/** The labels a formula names, with their numbers and slides (what its markup depends on). */
function labelsIn(tex: string, state: DeckState): unknown[] {
  return [...tex.matchAll(/\\(?:label|eqref|ref)\s*\{([^{}]*)\}/g)].map((m) => {
    const label = state.labels.get(m[1].trim());
    return [m[1], label?.n, label?.slide];
  });
}

/** A checked formula typeset again with its symbols' values, into its slot. The same
 * formula with the same values comes out the same, so a session does it once (the dev
 * server compiles the whole deck on each edit). */
function annotate(state: DeckState, slide: SlideModel, formula: FormulaFact, symbols: readonly ShownSymbol[]): void {
  const key = `symbols\0${JSON.stringify(state.options.macros)}\0${formula.tex}\0${JSON.stringify(symbols)}\0${JSON.stringify(labelsIn(formula.tex, state))}`;
  slide.html.slots[formula.slot!] = state.cache.markupFor(key, () => {
    const shown = (tex: string): string => withReferences(withTags(tex, state.labels), state.labels, () => undefined); // unknown labels: reported when rendered
    const made = annotateFormula(formula.tex, symbols, state.options.macros, shown);
    if ("html" in made) return { html: made.html, keep: true };
    state.diagnostics.warning(formula.at, `formula: checked, but its symbols' values cannot be shown: ${made.failed}`);
    return { html: slide.html.slots[formula.slot!], keep: false };
  });
}
