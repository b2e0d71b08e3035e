// LSTM without peepholes, as PyTorch's nn.LSTM, single layer, unbatched. Row blocks of
// the pre-activation are in the order i, f, g, o:
//   [ī; f̄; ḡ; ō]_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
//   i = σ(ī)  f = σ(f̄)  g = tanh(ḡ)  o = σ(ō)
//   c_t = f ⊙ c_{t−1} + i ⊙ g          h_t = o ⊙ tanh(c_t)
import { affineBackward, affineForward, cellSizes, dropBlockRoute, zeroGrads, type CellGrads, type CellParams, type Nudge } from "./affine.ts";
import type { BackwardOptions, LstmRoute } from "./routes.ts";
import { row, sigmoid, zeros, type Matrix } from "./tensor.ts";

/** Number of row blocks in the LSTM's parameters: i, f, g, o. */
export const LSTM_GATES = 4;

export interface LstmOut {
  /** [T][H] */
  h: Matrix;
  /** [T][H] */
  c: Matrix;
  /** Activated gates, [T][4H]: columns [0,H) i, [H,2H) f, [2H,3H) g, [3H,4H) o. */
  gates: Matrix;
}

export interface LstmCache extends LstmOut {
  readonly params: CellParams;
  /** [T][I] */
  readonly x: Matrix;
  /** [H] */
  readonly h0: Float64Array;
  /** [H] */
  readonly c0: Float64Array;
  /** tanh(c_t), [T][H] */
  readonly tanhC: Matrix;
}

export interface LstmGrads extends CellGrads {
  /** [H] */
  c0: Float64Array;
}

export interface LstmDeltas {
  /** ∂L/∂h_t over all routes. [T][H] */
  h: Matrix;
  /** ∂L/∂c_t over all routes (through h_t and through c_{t+1}). [T][H] */
  c: Matrix;
  /** ∂L/∂(pre-activation) of each gate, [T][4H] in the block order i, f, g, o. */
  gates: Matrix;
}

/** Runs the sequence x ([T][I]) from h0, c0 ([H] each). `nudge` is for finite
 * differences only. */
export function lstmForward(
  params: CellParams,
  x: Matrix,
  h0: Float64Array,
  c0: Float64Array,
  nudge?: Nudge,
): { out: LstmOut; cache: LstmCache } {
  const { hiddenSize: H } = cellSizes(params, LSTM_GATES);
  const steps = x.rows;
  const h = zeros(steps, H);
  const c = zeros(steps, H);
  const tanhC = zeros(steps, H);
  const gates = zeros(steps, LSTM_GATES * H);
  for (let t = 0; t < steps; t++) {
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    const cPrev = t > 0 ? row(c, t - 1) : c0;
    const gt = row(gates, t);
    affineForward(params, row(x, t), hPrev, gt);
    const nudged = nudge?.t === t ? nudge : undefined;
    if (nudged?.quantity === "pre") gt[nudged.k] += nudged.amount;
    const ct = row(c, t);
    const tct = row(tanhC, t);
    const ht = row(h, t);
    for (let k = 0; k < H; k++) {
      const i = (gt[k] = sigmoid(gt[k]));
      const f = (gt[H + k] = sigmoid(gt[H + k]));
      const g = (gt[2 * H + k] = Math.tanh(gt[2 * H + k]));
      const o = (gt[3 * H + k] = sigmoid(gt[3 * H + k]));
      ct[k] = f * cPrev[k] + i * g;
      if (nudged?.quantity === "c" && nudged.k === k) ct[k] += nudged.amount;
      tct[k] = Math.tanh(ct[k]);
      ht[k] = o * tct[k];
      if (nudged?.quantity === "h" && nudged.k === k) ht[k] += nudged.amount;
    }
  }
  return { out: { h, c, gates }, cache: { params, x, h0, c0, h, c, gates, tanhC } };
}

/** Each recurrent route's row block in PyTorch's layout (i, f, g, o; Greff's z is g). */
const RECURRENT_BLOCK: Readonly<Record<string, number>> = { "recurrent-i": 0, "recurrent-f": 1, "recurrent-z": 2, "recurrent-o": 3 };

/** Backpropagation through time. `dhLoss` ([T][H]) is ∂L/∂h_t through the loss alone;
 * the recurrent routes (through h_{t+1}'s gates and through c_{t+1}) are added here.
 * `options.drop` leaves routes out (routes.ts): a wrong gradient, on purpose. */
export function lstmBackward(dhLoss: Matrix, cache: LstmCache, options: BackwardOptions<LstmRoute> = {}): { grads: LstmGrads; deltas: LstmDeltas } {
  const drop = new Set(options.drop ?? []);
  const droppedBlocks = Object.entries(RECURRENT_BLOCK).filter(([route]) => drop.has(route as LstmRoute)).map(([, block]) => block);
  if (drop.has("loss")) dhLoss = zeros(dhLoss.rows, dhLoss.cols);
  const { params, x, h0, c0, c, gates, tanhC, h } = cache;
  const { hiddenSize: H } = cellSizes(params, LSTM_GATES);
  const steps = x.rows;
  const grads: LstmGrads = { ...zeroGrads(params, steps, H), c0: new Float64Array(H) };
  const deltas: LstmDeltas = { h: zeros(steps, H), c: zeros(steps, H), gates: zeros(steps, LSTM_GATES * H) };
  // Routes from step t+1 back into step t; nothing flows back from beyond the end.
  const dhFromNext = new Float64Array(H); // Wᵀ_hh δgates_{t+1}
  const dcFromNext = new Float64Array(H); // δc_{t+1} ⊙ f_{t+1}
  for (let t = steps - 1; t >= 0; t--) {
    const gt = row(gates, t);
    const tct = row(tanhC, t);
    const cPrev = t > 0 ? row(c, t - 1) : c0;
    const dhLossT = row(dhLoss, t);
    const dh = row(deltas.h, t);
    const dc = row(deltas.c, t);
    const dPre = row(deltas.gates, t);
    // #region lstm-backward-step
    for (let k = 0; k < H; k++) {
      const i = gt[k];
      const f = gt[H + k];
      const g = gt[2 * H + k];
      const o = gt[3 * H + k];
      dh[k] = dhLossT[k] + dhFromNext[k];
      dc[k] = dh[k] * o * (1 - tct[k] * tct[k]) + dcFromNext[k];
      dPre[k] = dc[k] * g * i * (1 - i);
      dPre[H + k] = dc[k] * cPrev[k] * f * (1 - f);
      dPre[2 * H + k] = dc[k] * i * (1 - g * g);
      dPre[3 * H + k] = dh[k] * tct[k] * o * (1 - o);
      dcFromNext[k] = dc[k] * f;
    }
    // #endregion lstm-backward-step
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    affineBackward(params, grads, dPre, row(x, t), hPrev, row(grads.x, t), dhFromNext);
    for (const block of droppedBlocks) dropBlockRoute(params.weightHh, dPre, block, H, dhFromNext);
    if (drop.has("cell")) dcFromNext.fill(0);
  }
  grads.h0.set(dhFromNext);
  grads.c0.set(dcFromNext);
  return { grads, deltas };
}
