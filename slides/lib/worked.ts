// Helpers for the deck's worked examples: load a case file, run it through src/grad, look
// numbers up by their path in the grad CLI's output, and write them as TeX.
import { caseLoss, evaluateCase, gradCheck, parseCase, totalDerivative, type Case, type CaseResult } from "@grad";
import { num } from "@deck/snippet";

export interface Worked {
  /** project-relative path of the case file, for the deck-example record */
  file: string;
  case: Case;
  result: CaseResult;
}

export function worked(file: string, json: unknown): Worked {
  const c = parseCase(json);
  return { file, case: c, result: evaluateCase(c) };
}

/** The value at a dotted path of the grad output, e.g. "deltas.c.2" or "grads.bias_ih". */
export function at(result: CaseResult, path: string): number | number[] | number[][] {
  let value: unknown = result;
  for (const part of path.split(".")) value = (value as Record<string, unknown>)[part];
  if (value === undefined) throw new Error(`no value at ${path}`);
  return value as number | number[] | number[][];
}

/** A column vector in TeX. */
export function col(v: readonly number[], digits = 4): string {
  return `\\begin{bmatrix}${v.map((x) => num(x, digits)).join("\\\\")}\\end{bmatrix}`;
}

/** A matrix (rows) in TeX. */
export function mat(m: readonly (readonly number[])[], digits = 4): string {
  return `\\begin{bmatrix}${m.map((r) => r.map((x) => num(x, digits)).join(" & ")).join("\\\\")}\\end{bmatrix}`;
}

/** Elementwise helpers for substituting numbers into an equation. */
export const ew = {
  mul: (...vs: number[][]): number[] => vs[0].map((_, k) => vs.reduce((p, v) => p * v[k], 1)),
  add: (a: number[], b: number[]): number[] => a.map((x, k) => x + b[k]),
  map: (a: number[], f: (x: number) => number): number[] => a.map(f),
};

/** W (rows × cols) applied to v. */
export function matVec(w: readonly (readonly number[])[], v: readonly number[]): number[] {
  return w.map((r) => r.reduce((s, x, j) => s + x * v[j], 0));
}

/** Wᵀ v. */
export function matTVec(w: readonly (readonly number[])[], v: readonly number[]): number[] {
  return w[0].map((_, j) => w.reduce((s, r, i) => s + r[j] * v[i], 0));
}

/** Rows [from, to) of a matrix: one gate's block of the PyTorch layout. */
export function block(w: readonly (readonly number[])[], index: number, hidden: number): number[][] {
  return w.slice(index * hidden, (index + 1) * hidden).map((r) => [...r]);
}

/** The largest relative error between analytic values and central finite differences of
 * the loss, nudging `quantity` at step t (rows offset … offset + n − 1). */
export function fdError(w: Worked, quantity: "h" | "c" | "pre", t: number, analytic: readonly number[], offset = 0): number {
  let worst = 0;
  analytic.forEach((a, k) => {
    const n = totalDerivative(w.case, quantity, t, offset + k);
    worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-12));
  });
  return worst;
}

/** "matches finite differences to 3.1×10⁻¹¹" as TeX text. */
export function fdText(error: number, subject: "one" | "several" = "one"): string {
  return `\\text{${subject === "one" ? "matches" : "match"} central finite differences to } ${num(error, 2)}`;
}

/** The largest relative error between a parameter gradient from src/grad and central
 * differences of the loss in that parameter ("weight_ih", "bias_hh", "x", "h0", …). */
export function paramFdError(w: Worked, name: "weight_ih" | "weight_hh" | "bias_ih" | "bias_hh" | "x" | "h0" | "c0"): number {
  const c = w.case;
  const target: Float64Array =
    name === "weight_ih" ? c.params.weightIh.data : name === "weight_hh" ? c.params.weightHh.data : name === "bias_ih" ? c.params.biasIh
    : name === "bias_hh" ? c.params.biasHh : name === "x" ? c.x.data : name === "h0" ? c.h0 : c.c0;
  const analytic = [at(w.result, `grads.${name}`)].flat(2) as number[];
  const { maxRelError } = gradCheck(() => caseLoss(c), target, analytic, { floor: 1e-12 });
  return maxRelError;
}
