// Stage "formulas": every display formula of an equation slide is evaluated on its linked
// example — both sides, at every time step where it is defined — with the deck's notation
// table (slides/notation.ts). A formula that does not hold, uses a symbol the table lacks
// or a construct the checker does not support is an error at its row; a formula marked
// data-unchecked="why" is listed instead. Checked formulas are typeset again with each
// symbol carrying its value in the example. Decks without a notation table check nothing.
import { checkFormula, type ShownSymbol } from "../../formulas/check.ts";
import { DeckNotation, isNotationProblem } from "../../formulas/deck-notation.ts";
import { formulaExample, type FormulaExample, type NamedCase } from "../../formulas/example.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { annotateFormula } from "../html/symbol-values.ts";
import { linkedExample, sourceOf, type ExampleRecord } from "../html/example-links.ts";
import { offsetLocation } from "../markdown/math.ts";
import { currentLeafHtml, editLeaf, setLeafHtml, type DeckState } from "../state.ts";

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
  const notation = new DeckNotation(loaded.value, state.options.macros, file);
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
  await checkSlides(state, exampleFor, notation);
}

type ExampleFor = (id: string, record: ExampleRecord) => Promise<FormulaExample | string>;

async function checkSlides(state: DeckState, exampleFor: ExampleFor, notation: DeckNotation): Promise<void> {
  const byId = new Map(state.leaves.filter((s) => s.id).map((s) => [s.id, s] as const));
  for (const [k, leaf] of state.leaves.entries()) {
    const displays = [...leaf.querySelectorAll(".math-display[data-at]")].filter((d) => !d.closest("aside.notes, .snippet-output"));
    if (displays.length === 0 || leaf.querySelector("script.deck-example") || leaf.hasAttribute("data-no-example")) continue;
    const linked = linkedExample(leaf, byId);
    if (!linked) continue; // reported by the checks stage
    const slideReason = leaf.getAttribute("data-unchecked");
    const example = await exampleFor(linked.id, linked.record);
    const annotations: Annotation[] = [];
    for (const display of displays) {
      const start = startOf(leaf, display);
      const reason = display.getAttribute("data-unchecked") ?? slideReason;
      if (reason !== null) {
        if (!reason.trim()) state.diagnostics.error(start, `data-unchecked needs a reason, e.g. data-unchecked="a definition, not an identity"`);
        state.formulas.unchecked.push(`${start.file}:${start.line}: ${reason}`);
        continue;
      }
      if (typeof example === "string") {
        state.diagnostics.error(start, `formula: cannot check against the example "${linked.id}": ${example}`);
        continue;
      }
      const tex = display.querySelector("annotation")?.textContent ?? "";
      const report = checkFormula({ tex }, example, notation);
      for (const p of report.problems) state.diagnostics.error(offsetLocation(start, tex, p.offset), `formula: ${p.message.replace("the notation table", `the notation table (${notation.file})`)}`);
      if (!report.checked) continue;
      state.formulas.formulas++;
      state.formulas.relations += report.relations;
      if (report.problems.length === 0 && report.symbols.length > 0) annotations.push({ index: indexIn(leaf, display), tex, symbols: report.symbols, start });
    }
    if (annotations.length > 0) annotateSlide(state, k, annotations);
  }
}

interface Annotation {
  /** which .math-display[data-at] of the slide */
  index: number;
  tex: string;
  symbols: ShownSymbol[];
  start: SourceLocation;
}

/** Slide k's checked formulas typeset again with their symbols' values. The same slide with
 * the same values comes out the same, so a session does it once (the dev server compiles
 * the whole deck on each edit; cloning and re-parsing slides was most of its time). */
function annotateSlide(state: DeckState, k: number, annotations: readonly Annotation[]): void {
  const key = `symbols\0${JSON.stringify(state.options.macros)}\0${currentLeafHtml(state, k)}\0${JSON.stringify(annotations.map((a) => [a.index, a.tex, a.symbols]))}`;
  let made = false;
  const html = state.cache.markupFor(key, () => {
    made = true;
    const copy = editLeaf(state, k);
    const displays = copy.querySelectorAll(".math-display[data-at]");
    let shown = true;
    for (const a of annotations) {
      const failed = annotateFormula(displays[a.index], a.tex, a.symbols, state.options.macros);
      if (failed) state.diagnostics.warning(a.start, `formula: checked, but its symbols' values cannot be shown: ${failed}`);
      shown &&= !failed;
    }
    return { html: copy.outerHTML, keep: shown };
  });
  if (!made) setLeafHtml(state, k, html);
}

function startOf(leaf: Element, display: Element): SourceLocation {
  const [line, col] = (display.getAttribute("data-at") ?? "1:1").split(":").map(Number);
  return { file: sourceOf(leaf).file, line, col };
}

function indexIn(leaf: Element, display: Element): number {
  return [...leaf.querySelectorAll(".math-display[data-at]")].indexOf(display);
}
