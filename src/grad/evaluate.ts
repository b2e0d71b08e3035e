// Runs a validated case forward and backward and shapes the result as the grad CLI's
// output (docs/DESIGN.md): plain nested arrays, 0-based time, LSTM gate blocks split by name.
import type { Case } from "./case.ts";
import { evaluateLoss } from "./loss.ts";
import { LSTM_GATES, lstmBackward, lstmForward } from "./lstm.ts";
import { GRU_GATES, gruBackward, gruForward } from "./gru.ts";
import { rnnBackward, rnnForward } from "./rnn.ts";
import { row, toRows, type Matrix } from "./tensor.ts";
import { affineForward, type CellGrads, type Nudge } from "./affine.ts";
import { routesOf, type BackwardOptions, type GruRoute, type LstmRoute, type RnnRoute } from "./routes.ts";

type Rows = number[][];

/** LSTM gates in PyTorch's block order. */
export interface GateRows {
  i: Rows;
  f: Rows;
  g: Rows;
  o: Rows;
}

/** GRU gates in PyTorch's block order. */
export interface GruGateRows {
  r: Rows;
  z: Rows;
  n: Rows;
}

/** The grad CLI's JSON object. Fields marked lstm/gru/rnn appear only for that cell. */
export interface CaseResult {
  loss: number;
  h: Rows;
  /** lstm */
  c?: Rows;
  /** lstm (i, f, g, o) and gru (r, z, n): gates after activation */
  gates?: Partial<GateRows & GruGateRows>;
  deltas: { h: Rows; c?: Rows; a?: Rows } & Partial<GateRows & GruGateRows>;
  grads: {
    weight_ih: Rows;
    weight_hh: Rows;
    bias_ih: number[];
    bias_hh: number[];
    x: Rows;
    h0: number[];
    /** lstm */
    c0?: number[];
  };
}

/** The loss of a case after a forward pass only; what finite differences perturb. */
export function caseLoss(c: Case, nudge?: Nudge): number {
  return evaluateLoss(c.loss, forwardStates(c, nudge)).value;
}

/** The hidden states of a case's forward pass. */
function forwardStates(c: Case, nudge?: Nudge): Matrix {
  if (c.cell === "lstm") return lstmForward(c.params, c.x, c.h0, c.c0, nudge).out.h;
  if (c.cell === "gru") return gruForward(c.params, c.x, c.h0, nudge).out.h;
  return rnnForward(c.params, c.x, c.h0, nudge).out.h;
}

/** ∂L/∂(quantity at t, row k) by central differences: the independent witness for a delta.
 * For "pre", k runs over all G·H rows (LSTM blocks i, f, g, o; GRU r, z, n). */
export function totalDerivative(c: Case, quantity: Nudge["quantity"], t: number, k: number, step = 1e-5): number {
  const plus = caseLoss(c, { quantity, t, k, amount: step });
  const minus = caseLoss(c, { quantity, t, k, amount: -step });
  return (plus - minus) / (2 * step);
}

/** Each step's pre-activations, [T][G·H] in the layout's row blocks: the affine map the
 * forward pass computes, W_ih x_t + b_ih + W_hh h_{t−1} + b_hh, with its own h. */
export function casePreactivations(c: Case): number[][] {
  const h = forwardStates(c);
  const pre = new Float64Array(c.params.biasIh.length);
  return Array.from({ length: c.sizes.steps }, (_, t) => {
    affineForward(c.params, row(c.x, t), t > 0 ? row(h, t - 1) : c.h0, pre);
    return Array.from(pre);
  });
}

export function evaluateCase(c: Case, options: BackwardOptions = {}): CaseResult {
  const drop = routesOf(c.cell, options.drop ?? []);
  if (c.cell === "gru") return evaluateGru(c, drop as GruRoute[]);
  if (c.cell === "rnn") {
    const { out, cache } = rnnForward(c.params, c.x, c.h0);
    const loss = evaluateLoss(c.loss, out.h);
    const { grads, deltas } = rnnBackward(loss.dh, cache, { drop: drop as RnnRoute[] });
    return {
      loss: loss.value,
      h: toRows(out.h),
      deltas: { h: toRows(deltas.h), a: toRows(deltas.a) },
      grads: gradRows(grads),
    };
  }
  const { out, cache } = lstmForward(c.params, c.x, c.h0, c.c0);
  const loss = evaluateLoss(c.loss, out.h);
  const { grads, deltas } = lstmBackward(loss.dh, cache, { drop: drop as LstmRoute[] });
  const gates = splitGates(out.gates);
  const gateDeltas = splitGates(deltas.gates);
  return {
    loss: loss.value,
    h: toRows(out.h),
    c: toRows(out.c),
    gates,
    deltas: { h: toRows(deltas.h), c: toRows(deltas.c), ...gateDeltas },
    grads: { ...gradRows(grads), c0: Array.from(grads.c0) },
  };
}

function evaluateGru(c: Case, drop: readonly GruRoute[]): CaseResult {
  const { out, cache } = gruForward(c.params, c.x, c.h0);
  const loss = evaluateLoss(c.loss, out.h);
  const { grads, deltas } = gruBackward(loss.dh, cache, { drop });
  return {
    loss: loss.value,
    h: toRows(out.h),
    gates: splitGru(out.gates),
    deltas: { h: toRows(deltas.h), ...splitGru(deltas.gates) },
    grads: gradRows(grads),
  };
}

/** [T][3H] in block order r, z, n → three [T][H] arrays. */
function splitGru(m: Matrix): GruGateRows {
  const hidden = m.cols / GRU_GATES;
  const rows = toRows(m);
  const block = (b: number): Rows => rows.map((r) => r.slice(b * hidden, (b + 1) * hidden));
  return { r: block(0), z: block(1), n: block(2) };
}

/** The gradients every cell has, in the CLI's names and key order. */
function gradRows(grads: CellGrads): CaseResult["grads"] {
  return {
    weight_ih: toRows(grads.weightIh),
    weight_hh: toRows(grads.weightHh),
    bias_ih: Array.from(grads.biasIh),
    bias_hh: Array.from(grads.biasHh),
    x: toRows(grads.x),
    h0: Array.from(grads.h0),
  };
}

/** [T][4H] in block order i, f, g, o → four [T][H] arrays. */
function splitGates(m: Matrix): GateRows {
  const hidden = m.cols / LSTM_GATES;
  const rows = toRows(m);
  const block = (b: number): Rows => rows.map((r) => r.slice(b * hidden, (b + 1) * hidden));
  return { i: block(0), f: block(1), g: block(2), o: block(3) };
}
