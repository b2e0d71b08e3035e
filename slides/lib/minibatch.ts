// A minibatch of LSTM sequences that share their weights, as the minibatch slide writes it:
// one row per sequence. Every row is taken from src/grad's own forward and backward pass of
// that sequence, and the batch's weight gradients are the sums of the sequences' (the
// batch's loss adds theirs) — so the slide's matrix products are checked against src/grad.
import { casePreactivations, evaluateCase, parseCase, type CaseResult } from "@grad";

type Rows = number[][];

export interface Minibatch {
  steps: number;
  /** δb by the batch formula Σₜ (δĀᵗ)ᵀ 1_N */
  db: number[];
  /** each sequence's own bias gradient from src/grad */
  perSequence: { db: number[] }[];
  /** every matrix the slide's formulas name, for the formula checker */
  given: Record<string, number[] | Rows | Rows[]>;
}

const sum = (ms: Rows[]): Rows => ms.reduce((a, m) => a.map((r, i) => r.map((v, k) => v + m[i][k])));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The loss's own share ∂Lᵗ/∂hᵗ of one sequence (squared error or linear). */
function own(json: unknown, r: CaseResult): Rows {
  const loss = (json as { loss: { kind: string; target?: Rows; dh?: Rows } }).loss;
  return r.h.map((h, t) => (loss.kind === "mse" ? h.map((v, k) => v - loss.target![t][k]) : loss.dh![t]));
}

export function minibatch(jsons: unknown[]): Minibatch {
  const cases = jsons.map(parseCase);
  const results = cases.map((c) => evaluateCase(c));
  const params = (jsons as { params: unknown }[]).map((j) => j.params);
  if (!params.every((p) => same(p, params[0]))) throw new Error("a minibatch's sequences share their weights");
  const first = cases[0];
  const T = first.sizes.steps;
  const I = first.sizes.inputSize;
  const N = cases.length;
  /** per step t, the N×… matrix whose row n is `pick(n, t)` */
  const byStep = (pick: (n: number, t: number) => number[]): Rows[] => Array.from({ length: T }, (_, t) => cases.map((_, n) => pick(n, t)));
  const pre = cases.map(casePreactivations);
  const stacked = (r: CaseResult, t: number): number[] => (["i", "f", "g", "o"] as const).flatMap((g) => r.deltas[g]![t]);
  const dA = byStep((n, t) => stacked(results[n], t));
  const ones = new Array<number>(N).fill(1);
  // δb by the slide's formula: Σₜ (δĀᵗ)ᵀ 1_N, column by column
  const db = dA[0][0].map((_, col) => dA.reduce((s, m) => s + m.reduce((a, row, n) => a + row[col] * ones[n], 0), 0));
  const toRows = (data: Float64Array, cols: number): Rows => Array.from({ length: data.length / cols }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
  return {
    steps: T,
    db,
    perSequence: results.map((r) => ({ db: r.grads.bias_ih })),
    given: {
      X: byStep((n, t) => Array.from(cases[n].x.data.subarray(t * I, (t + 1) * I))),
      Y: byStep((n, t) => results[n].h[t]),
      Y0: cases.map((c) => Array.from(c.h0)),
      A: byStep((n, t) => pre[n][t]),
      dA,
      D: byStep((n, t) => own(jsons[n], results[n])[t]),
      dY: byStep((n, t) => results[n].deltas.h[t]),
      dX: byStep((n, t) => results[n].grads.x[t]),
      Wmat: toRows(first.params.weightIh.data, I),
      Rmat: toRows(first.params.weightHh.data, first.params.weightHh.cols),
      bvec: Array.from(first.params.biasIh, (v, k) => v + first.params.biasHh[k]),
      ones,
      dW: sum(results.map((r) => r.grads.weight_ih)),
      dR: sum(results.map((r) => r.grads.weight_hh)),
    },
  };
}
