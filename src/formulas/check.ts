// Checks one display formula on one worked example: every row of an aligned block, every
// relation in a row (a = b = c, a ≤ b; pieces apart at `,` \qquad \Rightarrow), at every
// assignment of its free index variables to the example's time steps where all of it is
// defined. `\ast` stands for each letter of the notation's wildcard in turn.
import { isNotationProblem, type DeckNotation } from "./deck-notation.ts";
import { lookup, type Scope } from "./evaluate.ts";
import { ExpressionParser, FormulaError } from "./expression.ts";
import { parseRelation, splitPieces } from "./relations.ts";
import { evaluateIndex, parseIndex } from "./index-expr.ts";
import type { FormulaExample } from "./example.ts";
import { checkRelation, type FormulaContext } from "./relation-steps.ts";
import { formatValue, readable } from "./readable.ts";
import { canon, cellContents, isNode, itemRange, parseTex, sourceRange, splice, type TexNode } from "./tex-tree.ts";
import { nestedOf, ZERO, type Value } from "./algebra.ts";

export interface FormulaProblem {
  /** offset into the formula's TeX */
  offset: number;
  message: string;
}

export interface ShownSymbol {
  /** [start, end) in the formula's TeX */
  range: [number, number];
  tex: string;
  value: number | number[] | number[][];
  /** e.g. "δf̄¹ = [0.005442, −0.005805]" */
  label: string;
}

export interface FormulaReport {
  /** false when the example has no usable notation table: nothing was evaluated */
  checked: boolean;
  problems: FormulaProblem[];
  /** relations checked (a = b = c counts 2) */
  relations: number;
  symbols: ShownSymbol[];
}


export function rowsOf(nodes: TexNode[]): TexNode[][] {
  const top = splice(nodes).filter((n) => n.type !== "spacing" && n.type !== "kern");
  if (top.length === 1 && top[0].type === "array" && Array.isArray(top[0].body)) {
    // cells pair up as (lhs & = rhs) & (lhs & = rhs) …: a new pair starts a new equation
    const pairBreak: TexNode = { type: "atom", family: "punct", text: "," };
    const rows = (top[0].body as unknown[][]).map((row) => row.flatMap((cell, k) => (k > 0 && k % 2 === 0 ? [pairBreak, ...cellContents(cell)] : cellContents(cell))));
    // a row that starts with its relation or an operator (`&= …`, `&\quad + …`) goes on with
    // the row above
    return rows.reduce<TexNode[][]>((out, row) => {
      const first = row.find((n) => n.type !== "spacing" && n.type !== "kern");
      if (out.length > 0 && first?.type === "atom" && (first.family === "rel" || first.family === "bin")) out[out.length - 1].push(...row.filter((n) => n.type !== "spacing"));
      else out.push(row);
      return out;
    }, []);
  }
  return [nodes];
}

export function hasWildcard(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasWildcard);
  if (!isNode(value)) return false;
  if ((value.type === "atom" || value.type === "mathord") && (value.text === "\\ast" || value.text === "*")) return true;
  return Object.entries(value).some(([k, v]) => k !== "loc" && hasWildcard(v));
}

/** The row with every ∗ replaced by `letter` (locations kept). */
function withLetter(value: unknown, letter: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withLetter(v, letter));
  if (!isNode(value)) return value;
  if ((value.type === "atom" || value.type === "mathord") && (value.text === "\\ast" || value.text === "*")) return { ...value, type: "mathord", text: letter };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "loc" ? v : withLetter(v, letter)]));
}

/** The one driver: `formula` (its TeX as written) evaluated on `example` with the deck's
 * notation — used by the build, the tests and the exercises alike. */
export function checkFormula(formula: { readonly tex: string }, example: FormulaExample, notation: DeckNotation): FormulaReport {
  const context = formulaContext(example, notation);
  if (typeof context === "string") return { checked: false, problems: [{ offset: 0, message: context }], relations: 0, symbols: [] };
  return checkTex(formula.tex, context);
}

/** What checking on `example` needs, or why it cannot be checked there. */
export function formulaContext(example: FormulaExample, notation: DeckNotation): FormulaContext | string {
  const table = notation.table(example.table.kind, example.table.name);
  if (isNotationProblem(table)) return `cannot check against the example "${example.id}": ${table.problem}`;
  return { notation: table, values: example.values, steps: example.steps, exampleIndices: { ...example.indices }, macros: notation.macros, product: notation.product };
}

function checkTex(tex: string, context: FormulaContext): FormulaReport {
  const report: FormulaReport = { checked: true, problems: [], relations: 0, symbols: [] };
  /** Where nodes start in the TeX; a node a macro made has no place of its own: then the
   * piece it is in. */
  const at = (nodes: readonly TexNode[], piece: readonly TexNode[] = []): number => {
    const range = sourceRange(nodes, tex) ?? sourceRange(piece, tex);
    return range ? itemRange(tex, range)[0] : 0;
  };
  let tree: TexNode[];
  try {
    tree = parseTex(tex, context.macros);
  } catch (error) {
    return { ...report, problems: [{ offset: 0, message: `cannot read the TeX: ${(error as Error).message}` }] };
  }
  const rows = rowsOf(tree);
  for (const [r, row] of rows.entries()) {
    const rowName = rows.length > 1 ? `row ${r + 1}: ` : "";
    const variants = hasWildcard(row) ? context.notation.wildcard.map((letter) => ({ letter, nodes: withLetter(row, letter) as TexNode[] })) : [{ letter: "", nodes: row }];
    if (variants.length === 0) report.problems.push({ offset: at(row), message: "∗ in a formula, but the notation table has no wildcard letters" });
    for (const variant of variants) {
      const parser = new ExpressionParser(context.notation, tex);
      for (const piece of splitPieces(variant.nodes)) {
        try {
          const relation = parseRelation(piece, parser);
          const problem = checkRelation(relation, context, variant.letter);
          if (problem) report.problems.push({ offset: at(piece), message: rowName + problem });
          else report.relations += relation.relations.length;
        } catch (error) {
          if (!(error instanceof FormulaError)) throw error;
          const letter = variant.letter ? ` (∗ = ${variant.letter})` : "";
          report.problems.push({ offset: at(error.nodes, piece), message: rowName + error.message + letter });
        }
      }
      // a formula for each ∗ shows its first letter's values
      if (variant === variants[0]) report.symbols.push(...shownSymbols(parser, tex, context, variant.letter));
    }
  }
  return { ...report, problems: dedupe(report.problems) };
}

/** A problem every ∗-letter has alike is reported once. */
function dedupe(problems: FormulaProblem[]): FormulaProblem[] {
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    const plain = p.message.replace(/ \(∗ = \w+\)$/, "");
    const key = `${p.offset}\0${plain}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...p, message: problems.filter((q) => q.offset === p.offset && q.message.replace(/ \(∗ = \w+\)$/, "") === plain).length > 1 ? plain : p.message }];
  });
}

/** The symbols of a formula with their values at the example's step (its `t`, and any
 * other index it names). */
function shownSymbols(parser: ExpressionParser, tex: string, context: FormulaContext, letter: string): ShownSymbol[] {
  const indices: Record<string, number> = { ...context.exampleIndices, T: context.steps };
  const scope: Scope = { values: context.values, boundaries: context.notation.boundaries, indices, product: context.product };
  return parser.symbols.flatMap(({ nodes, symbol }) => {
    const range = sourceRange(nodes, tex);
    if (!range) return [];
    if (symbol.indices.some((f) => evaluateIndex(f, indices) === undefined)) return [];
    let value: Value;
    try {
      value = lookup(symbol, scope);
    } catch {
      return [];
    }
    const shown = value === ZERO ? 0 : nestedOf(value);
    if (shown === undefined) return [];
    // the symbol as it is at this step: δz̄ᵗ⁺¹ at t = 1 is δz̄²
    const slots: string[] = [];
    const key = canon(nodes, slots);
    let k = 0;
    const concrete = key.replace(/⟨⟩/g, () => {
      const text = slots[k++];
      const form = parseIndex(text, context.notation.indices);
      const v = form && evaluateIndex(form, indices);
      return v === undefined || v === null ? text : String(v);
    });
    const wildcard = letter ? ` (∗ = ${letter})` : "";
    return [{ range, tex: concrete, value: shown, label: `${readable(concrete)}${wildcard} = ${formatValue(shown, 4)}` }];
  });
}
