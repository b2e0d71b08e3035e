// Stage "formulas": every display formula of an equation slide is evaluated on its linked
// example — both sides, at every time step where it is defined — with the deck's notation
// table (slides/notation.ts). A formula that does not hold, uses a symbol the table lacks
// or a construct the checker does not support is an error at its row; a formula marked
// data-unchecked="why" is listed instead. Checked formulas are typeset again with each
// symbol carrying its value in the example. Decks without a notation table check nothing.
import type { Notation } from "../../author/notation.ts";
import { checkFormula, type ShownSymbol } from "../../formulas/check.ts";
import { DeckNotation, isNotationProblem } from "../../formulas/deck-notation.ts";
import { formulaExample, type FormulaExample, type NamedCase } from "../../formulas/example.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { annotateFormula } from "../html/symbol-values.ts";
import { linkedExample, sourceOf, type ExampleRecord } from "../html/example-links.ts";
import { offsetLocation } from "../markdown/math.ts";
import { snippetKey } from "../snippets/identity.ts";
import { currentLeafHtml, editLeaf, setLeafHtml, type DeckState } from "../state.ts";

/** The notation module's path: beside the chapters. */
function notationPath(state: DeckState): string | undefined {
  const dir = state.chapters[0]?.path.replace(/\/[^/]*$/, "");
  const file = `${dir}/notation.ts`;
  return dir && state.services.readProjectFile(file) !== undefined ? file : undefined;
}

/** Runs a little module beside the notation table in the snippet worker (the compiler
 * itself never imports src/grad: the notation's values come from a snippet). */
async function runBeside(state: DeckState, file: string, code: string): Promise<unknown> {
  const outcome = await state.services.runSnippet({ key: snippetKey(file, 1), file, line: 1, code });
  outcome.deps.forEach((d) => state.snippetDeps.add(d));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

export async function formulasStage(state: DeckState): Promise<void> {
  const file = notationPath(state);
  if (!file) return;
  state.formulas.notation = file;
  const at: SourceLocation = { file, line: 1, col: 1 };
  let notation: DeckNotation;
  try {
    notation = new DeckNotation((await runBeside(state, file, `export { default } from "./notation.ts";`)) as Notation, state.options.macros, file);
  } catch (error) {
    state.diagnostics.error(at, `notation: ${(error as Error).message}`);
    return;
  }
  const reported = new Set<string>();
  const computing = new Map<string, Promise<NamedCase | Error>>();
  const exampleFor = async (id: string, record: ExampleRecord): Promise<FormulaExample | string> => {
    let named: NamedCase | undefined;
    if (record.case) {
      if (!computing.has(record.case)) {
        const code = `import notation from "./notation.ts";\nimport json from ${JSON.stringify(`@/${record.case}`)};\nexport default { cell: json.cell, steps: json.x.length, named: notation.values(json) };\n`;
        computing.set(record.case, runBeside(state, file, code).then((v) => v as NamedCase, (e: Error) => e));
      }
      const computed = await computing.get(record.case)!;
      if (computed instanceof Error) return `the values of ${record.case}: ${computed.message}`;
      named = computed;
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
