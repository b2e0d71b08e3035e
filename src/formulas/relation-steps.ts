// One relation of a formula (a = b = c, a ≤ b) evaluated at every assignment of its free
// index variables to the example's time steps where all of it is defined: what the build's
// check reads its verdict from, and what an exercise reads "matches at t = 2 but not t = 1"
// from.
import type { CompiledNotation } from "./notation-table.ts";
import { evaluate, type Scope } from "./evaluate.ts";
import type { Expr } from "./expression.ts";
import { variablesOf } from "./index-expr.ts";
import { formatNumbers, readable } from "./readable.ts";
import type { Relation } from "./relations.ts";
import { canon } from "./tex-tree.ts";
import { IDENTITY, isMatrix, matrix, numbersOf, UNDEFINED, ValueError, ZERO, type Value } from "./algebra.ts";

/** What one check needs, once the example's table is found. */
export interface FormulaContext {
  notation: CompiledNotation;
  values: Readonly<Record<string, unknown>>;
  /** the example's number of time steps (0 when it is not about a sequence) */
  steps: number;
  /** the step the example shows — its t, and any other index it fixes (for the symbols'
   * values) */
  exampleIndices: Record<string, number>;
  macros: Readonly<Record<string, string>>;
  /** the order \prod multiplies in (the notation's `product`) */
  product: "later-left" | "as-written";
}

/** Relative tolerance of `=`: both sides agree to 1e-9 of the larger magnitude. */
const RTOL = 1e-9;

/** The relation at one assignment of its index variables. */
export interface RelationStep {
  indices: Record<string, number>;
  /** every side evaluated (in order) */
  sides: Value[];
  /** the first relation that fails here (its index in relation.relations), or -1 */
  fails: number;
  /** all sides are zero (or empty products): holding says nothing */
  trivial: boolean;
}

export interface RelationSteps {
  /** the relation at each step where it is defined (up to `problem`, when there is one) */
  steps: RelationStep[];
  /** its left side, readable */
  name: string;
  /** why it cannot be evaluated at some step (after `steps`), or has no range */
  problem?: string;
}

/** The relation at every assignment where all of it is defined (steps where some side is not
 * defined are left out), in order, up to the first where it cannot be evaluated. */
export function relationSteps(relation: Relation, context: FormulaContext, letter = ""): RelationSteps {
  const constants = new Set(context.notation.constants);
  const free = [...new Set(relation.operands.flatMap((o) => [...freeVariables(o)]))].filter((v) => !constants.has(v)).sort();
  const name = readable(canon(relation.left)) + (letter ? ` (∗ = ${letter})` : "");
  if (free.length > 0 && context.steps === 0) return { steps: [], name, problem: `index ${free.join(", ")} has no range: the example is not about a sequence` };
  const steps: RelationStep[] = [];
  for (const indices of assignments(free, context.steps)) {
    const scope: Scope = { values: context.values, boundaries: context.notation.boundaries, indices: { ...constantsOf(context), ...indices, T: context.steps }, product: context.product };
    let sides: Value[];
    try {
      sides = relation.operands.map((o) => evaluate(o, scope));
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      return { steps, name, problem: `${name}: cannot be evaluated${where(indices)}: ${error.message}` };
    }
    if (sides.some((s) => s === UNDEFINED)) continue;
    const fails = relation.relations.findIndex((rel, k) => !sameShape(sides[k], sides[k + 1]) || !holds(rel, sides[k], sides[k + 1]));
    steps.push({ indices, sides, fails, trivial: sides.every((s) => s === ZERO || s === IDENTITY) });
  }
  return { steps, name };
}

/** undefined when the relation holds wherever it is defined; else the message. */
export function checkRelation(relation: Relation, context: FormulaContext, letter: string): string | undefined {
  const result = relationSteps(relation, context, letter);
  const failing = result.steps.find((s) => s.fails >= 0);
  if (failing) {
    const [left, right] = [failing.sides[failing.fails], failing.sides[failing.fails + 1]];
    return `${result.name} does not hold${where(failing.indices)}: left ${formatNumbers(numbersOf(left))}, right ${formatNumbers(numbersOf(right))}`;
  }
  if (result.problem) return result.problem;
  // zero = zero says nothing
  return result.steps.some((s) => !s.trivial) ? undefined : `${result.name} is not defined at any time step of its example, so nothing was checked`;
}

/** The index variables an expression leaves free (not bound by a \sum or \prod). */
function freeVariables(expr: Expr, bound: ReadonlySet<string> = new Set()): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr, b: ReadonlySet<string>): void => {
    const forms = e.kind === "symbol" ? e.symbol.indices : e.kind === "index" ? [e.form] : e.kind === "bigop" ? [e.from, e.to].filter((f) => f !== undefined) : [];
    for (const form of forms) for (const v of variablesOf(form)) if (!b.has(v)) out.add(v);
    if (e.kind === "bigop") visit(e.body, new Set([...b, e.variable]));
    else for (const child of Object.values(e)) if (child && typeof child === "object" && "kind" in child) visit(child as Expr, b);
    if (e.kind === "sum") e.terms.forEach((t) => visit(t.expr, b));
    if (e.kind === "call") e.args.forEach((a) => visit(a, b));
  };
  visit(expr, bound);
  return out;
}

/** Every assignment of `variables` to 0 … steps−1. */
function assignments(variables: readonly string[], steps: number): Record<string, number>[] {
  return variables.reduce<Record<string, number>[]>((acc, v) => acc.flatMap((a) => Array.from({ length: steps }, (_, k) => ({ ...a, [v]: k }))), [{}]);
}

/** An empty product is the identity of the other side's (square) shape. */
function materialise(v: Value, other: Value): Value {
  if (v !== IDENTITY) return v;
  if (isMatrix(other) && other.rows === other.cols) return matrix(other.rows, other.cols, other.data.map((_, k) => (k % (other.cols + 1) === 0 ? 1 : 0)));
  return 1;
}

function holds(relation: string, leftSide: Value, rightSide: Value): boolean {
  const left = materialise(leftSide, rightSide);
  const right = materialise(rightSide, leftSide);
  const l = numbersOf(left);
  const r = numbersOf(right);
  const a = l ?? new Array<number>(r?.length ?? 1).fill(0);
  const b = r ?? new Array<number>(l?.length ?? 1).fill(0);
  if (a.length !== b.length) return false;
  const scale = Math.max(...a.map(Math.abs), ...b.map(Math.abs));
  return a.every((x, k) => {
    const y = b[k];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    const tol = RTOL * scale + 1e-300;
    if (relation === "=") return Math.abs(x - y) <= tol;
    if (relation === "\\approx") return Math.abs(x - y) <= 1e-6 * scale;
    if (relation === "\\leq") return x <= y + tol;
    if (relation === "\\geq") return x >= y - tol;
    if (relation === "<") return x < y;
    return x > y;
  });
}

/** Both sides have one shape (a 1×1 matrix is a scalar; a zero has every shape). */
function sameShape(a: Value, b: Value): boolean {
  if (a === ZERO || b === ZERO || a === IDENTITY || b === IDENTITY) return true;
  const dims = (v: Value): string => (isMatrix(v) && !(v.rows === 1 && v.cols === 1) ? `${v.rows}x${v.cols}` : "scalar");
  return dims(a) === dims(b);
}

/** Letters the table binds to a scalar (like n in a sum's limit), usable as indices. */
function constantsOf(context: FormulaContext): Record<string, number> {
  return Object.fromEntries(context.notation.constants.flatMap((letter) => {
    const value = context.values[letter];
    return typeof value === "number" ? [[letter, value]] : [];
  }));
}

export function where(indices: Record<string, number>): string {
  const parts = Object.entries(indices).map(([v, k]) => `${v} = ${k}`);
  return parts.length ? ` at ${parts.join(", ")}` : "";
}

