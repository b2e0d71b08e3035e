// The shape of a deck's notation table (slides/notation.ts, `import … from "@deck/notation"`):
// which TeX symbol stands for which number of a worked example, written once. The formula
// checker (src/formulas) evaluates every display formula of an equation slide with
// these bindings on its example's numbers. Pure data, so it can travel from the snippet
// worker to the compiler; `values` is called inside the worker.

/** A value reference: a name of the example's values, then zero or more index
 * expressions in brackets over the table's index variables, e.g. "c[t]", "jac[t][k]",
 * "dfdx[j-1]", "grads.weight_hh". */
export type ValueRef = string;

/** Elementwise functions the checker knows (f' is the derivative of f). */
export type FunctionName = "sigmoid" | "sigmoid'" | "tanh" | "tanh'" | "exp" | "log" | "sqrt" | "abs";

/** How a time-indexed value behaves outside 0 … length−1. */
export interface Boundary {
  /** the value at index −1 (an initial state), e.g. "h0" */
  before?: ValueRef;
  /** "zero": past the last step the value is zero (a delta after the last step) */
  after?: "zero";
}

export interface NotationTable {
  /** letters that are index variables in this table's keys and value references */
  indices: string[];
  /** TeX (as on the slides, with index variables in place) → value reference */
  symbols: Record<string, ValueRef>;
  /** TeX of a function name (σ, g, h′, …) → what it computes */
  functions: Record<string, FunctionName>;
  /** boundary rules per value name */
  boundaries: Record<string, Boundary>;
  /** `\ast` (or `*`) in a formula means "for each of these": the formula is checked once per
   * letter, with the letter in place of every `\ast` */
  wildcard?: string[];
}

export type NestedNumbers = number | null | NestedNumbers[];

export interface Notation {
  /** one table per kind of case ("rnn", "lstm", …): the notation of its slides */
  cells: Record<string, NotationTable>;
  /** tables for examples that are not about a case (scalar chain-rule examples), by the
   * example slide's id: their value names are the keys of the example's `values` */
  examples: Record<string, NotationTable>;
  /** the order `\prod_{j=a}^{b} M_j` multiplies in, as the slides state it: "later-left"
   * is M_b ⋯ M_a (backpropagation's order), "as-written" M_a ⋯ M_b */
  product: "later-left" | "as-written";
  /** a case's values by name, computed with src/grad (runs in the snippet worker) */
  values?: (caseJson: unknown) => Record<string, NestedNumbers>;
}

/** Identity, for type checking a notation module: `export default defineNotation({…})`. */
export function defineNotation(notation: Notation): Notation {
  return notation;
}
