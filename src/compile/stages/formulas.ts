// Stage "formulas": every display formula of an equation slide is evaluated on its linked
// example — both sides, at every time step where it is defined — with the deck's notation
// table (slides/notation.ts). A formula that does not hold, uses a symbol the table lacks
// or a construct the checker does not support is an error at its row; a formula marked
// data-unchecked="why" is listed instead. Checked formulas are typeset again with each
// symbol carrying its value in the example. Decks without a notation table check nothing.
import type { NestedNumbers, Notation } from "../../author/notation.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { annotateFormula } from "../formulas/annotate.ts";
import { checkFormula, type ShownSymbol } from "../formulas/check.ts";
import { compileNotation, NotationError, type CompiledNotation } from "../formulas/notation-table.ts";
import { linkedExample, sourceOf, type ExampleRecord } from "../html/example-links.ts";
import { offsetLocation } from "../markdown/math.ts";
import { snippetKey } from "../snippets/identity.ts";
import { currentLeafHtml, editLeaf, setLeafHtml, type DeckState } from "../state.ts";

interface ExampleValues {
  notation: CompiledNotation;
  values: Record<string, NestedNumbers>;
  steps: number;
}

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
  if (!outcome.ok) throw new NotationError(outcome.error.message);
  return outcome.value;
}

export async function formulasStage(state: DeckState): Promise<void> {
  const file = notationPath(state);
  if (!file) return;
  state.formulas.notation = file;
  const at: SourceLocation = { file, line: 1, col: 1 };
  let notation: Notation;
  try {
    notation = (await runBeside(state, file, `export { default } from "./notation.ts";`)) as Notation;
  } catch (error) {
    state.diagnostics.error(at, `notation: ${(error as Error).message}`);
    return;
  }
  const tables = new Map<string, CompiledNotation | string>();
  /** A table ready for lookups, or why there is none (its errors reported once, here). */
  const table = (kind: "cells" | "examples", name: string): CompiledNotation | string => {
    const key = `${kind}.${name}`;
    if (!tables.has(key)) {
      const source = notation[kind]?.[name];
      if (!source) tables.set(key, `${file} has no table ${key}`);
      else {
        try {
          tables.set(key, compileNotation(source, state.options.macros));
        } catch (error) {
          state.diagnostics.error(at, `notation: ${key}: ${(error as Error).message}`);
          tables.set(key, `the table ${key} in ${file} has errors`);
        }
      }
    }
    return tables.get(key)!;
  };
  const computing = new Map<string, Promise<CaseValues | Error>>();
  const valuesFor = async (id: string, record: ExampleRecord): Promise<ExampleValues | string> => {
    if (!record.case) {
      const t = table("examples", id);
      // an example that is not about a case may still run over time steps: its record's `steps`
      const values = { ...record.given, ...record.values } as Record<string, NestedNumbers>;
      return typeof t === "string" ? t : { notation: t, values, steps: record.steps ?? 0 };
    }
    if (!computing.has(record.case)) {
      const code = `import notation from "./notation.ts";\nimport json from ${JSON.stringify(`@/${record.case}`)};\nexport default { cell: json.cell, steps: json.x.length, values: notation.values(json) };\n`;
      computing.set(record.case, runBeside(state, file, code).then((v) => v as CaseValues, (e: Error) => e));
    }
    const computed = await computing.get(record.case)!;
    if (computed instanceof Error) return `the values of ${record.case}: ${computed.message}`;
    const t = table("cells", computed.cell);
    return typeof t === "string" ? t : { notation: t, values: computed.values, steps: computed.steps };
  };
  await checkSlides(state, valuesFor, file, notation.product ?? "later-left");
}

interface CaseValues {
  cell: string;
  steps: number;
  values: Record<string, NestedNumbers>;
}

type ValuesFor = (id: string, record: ExampleRecord) => Promise<ExampleValues | string>;

async function checkSlides(state: DeckState, valuesFor: ValuesFor, notationFile: string, product: Notation["product"]): Promise<void> {
  const byId = new Map(state.leaves.filter((s) => s.id).map((s) => [s.id, s] as const));
  for (const [k, leaf] of state.leaves.entries()) {
    const displays = [...leaf.querySelectorAll(".math-display[data-at]")].filter((d) => !d.closest("aside.notes, .snippet-output"));
    if (displays.length === 0 || leaf.querySelector("script.deck-example") || leaf.hasAttribute("data-no-example")) continue;
    const example = linkedExample(leaf, byId);
    if (!example) continue; // reported by the checks stage
    const slideReason = leaf.getAttribute("data-unchecked");
    const values = await valuesFor(example.id, example.record);
    const annotations: Annotation[] = [];
    for (const display of displays) {
      const start = startOf(leaf, display);
      const reason = display.getAttribute("data-unchecked") ?? slideReason;
      if (reason !== null) {
        if (!reason.trim()) state.diagnostics.error(start, `data-unchecked needs a reason, e.g. data-unchecked="a definition, not an identity"`);
        state.formulas.unchecked.push(`${start.file}:${start.line}: ${reason}`);
        continue;
      }
      if (typeof values === "string") {
        state.diagnostics.error(start, `formula: cannot check against the example "${example.id}": ${values}`);
        continue;
      }
      const tex = display.querySelector("annotation")?.textContent ?? "";
      const report = checkFormula(tex, { notation: values.notation, values: values.values, steps: values.steps, exampleIndices: { ...example.record.at, ...(example.record.t === undefined ? {} : { t: example.record.t }) }, macros: state.options.macros, product });
      for (const p of report.problems) state.diagnostics.error(offsetLocation(start, tex, p.offset), `formula: ${p.message.replace("the notation table", `the notation table (${notationFile})`)}`);
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
