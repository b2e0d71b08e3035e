// Checks every number src/grad reports for a case against the independent reference:
// forward values directly, every gradient and delta against central finite differences.
import { evaluateCase, parseCase, type CaseResult } from "../../src/grad/index.ts";
import { expectAllClose } from "./expect-close.ts";
import { offsetDerivative, referenceForward, valueDerivative, type CaseJson } from "./reference-rnn.ts";

export interface Tolerance {
  rtol?: number;
  atol?: number;
  step?: number;
}

const flat = (m: number[][]): number[] => m.flat();

export function checkCase(cs: CaseJson, tol: Tolerance = {}): CaseResult {
  const result = evaluateCase(parseCase(cs));
  const ref = referenceForward(cs);
  const H = cs.params.weight_hh[0].length;
  const T = cs.x.length;
  const G = cs.cell === "lstm" ? 4 : cs.cell === "gru" ? 3 : 1;
  const step = tol.step ?? 1e-5;
  const close = (a: number[], e: number[], where: string): void => expectAllClose(a, e, where, tol);
  const exact = { rtol: 1e-12, atol: 1e-14 };

  // Forward: the same numbers by an independent implementation.
  expectAllClose([result.loss], [ref.loss], "loss", exact);
  expectAllClose(flat(result.h), flat(ref.h), "h", exact);
  if (cs.cell === "lstm") {
    expectAllClose(flat(result.c!), flat(ref.c), "c", exact);
    for (const g of ["i", "f", "g", "o"] as const) expectAllClose(flat(result.gates![g]!), flat(ref.gates[g]), `gates.${g}`, exact);
  }
  if (cs.cell === "gru") {
    for (const g of ["r", "z", "n"] as const) expectAllClose(flat(result.gates![g]!), flat(ref.gates[g]), `gates.${g}`, exact);
  }

  // Parameter, input and initial-state gradients: perturb the number in the case itself.
  const numericFor = (holder: (c: CaseJson) => number[], n: number): number[] =>
    Array.from({ length: n }, (_, k) => valueDerivative(cs, holder, k, step));
  const numericMatrix = (holder: (c: CaseJson) => number[][]): number[] =>
    holder(cs).flatMap((r, i) => numericFor((c) => holder(c)[i], r.length));
  close(flat(result.grads.weight_ih), numericMatrix((c) => c.params.weight_ih), "grads.weight_ih");
  close(flat(result.grads.weight_hh), numericMatrix((c) => c.params.weight_hh), "grads.weight_hh");
  close(result.grads.bias_ih, numericFor((c) => c.params.bias_ih, G * H), "grads.bias_ih");
  close(result.grads.bias_hh, numericFor((c) => c.params.bias_hh, G * H), "grads.bias_hh");
  close(flat(result.grads.x), numericMatrix((c) => c.x), "grads.x");
  const withStates: CaseJson = structuredClone(cs);
  withStates.h0 ??= new Array<number>(H).fill(0);
  if (cs.cell === "lstm") withStates.c0 ??= new Array<number>(H).fill(0);
  const numericState = (key: "h0" | "c0"): number[] =>
    Array.from({ length: H }, (_, k) => valueDerivative(withStates, (c) => c[key]!, k, step));
  close(result.grads.h0, numericState("h0"), "grads.h0");
  if (cs.cell === "lstm") close(result.grads.c0!, numericState("c0"), "grads.c0");

  // Deltas: total derivatives, measured by nudging the quantity right after it is computed.
  const numericDelta = (quantity: "h" | "c" | "pre", offset: number): number[][] =>
    Array.from({ length: T }, (_, t) => Array.from({ length: H }, (_, k) => offsetDerivative(cs, quantity, t, offset + k, step)));
  close(flat(result.deltas.h), flat(numericDelta("h", 0)), "deltas.h");
  if (cs.cell === "lstm") {
    close(flat(result.deltas.c!), flat(numericDelta("c", 0)), "deltas.c");
    (["i", "f", "g", "o"] as const).forEach((g, block) =>
      close(flat(result.deltas[g]!), flat(numericDelta("pre", block * H)), `deltas.${g}`),
    );
  } else if (cs.cell === "gru") {
    // n's delta: ∂L/∂(W_in x + b_in + r ⊙ (W_hn h + b_hn)), nudged after r multiplies
    (["r", "z", "n"] as const).forEach((g, block) => close(flat(result.deltas[g]!), flat(numericDelta("pre", block * H)), `deltas.${g}`));
  } else {
    close(flat(result.deltas.a!), flat(numericDelta("pre", 0)), "deltas.a");
  }
  return result;
}
