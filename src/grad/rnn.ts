// Simple (Elman) RNN with tanh, as PyTorch's nn.RNN, single layer, unbatched:
//   a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh,   h_t = tanh(a_t)
import { affineBackward, affineForward, cellSizes, zeroGrads, type CellGrads, type CellParams, type Nudge } from "./affine.ts";
import type { BackwardOptions, RnnRoute } from "./routes.ts";
import { row, zeros, type Matrix } from "./tensor.ts";

export interface RnnCache {
  readonly params: CellParams;
  /** [T][I] */
  readonly x: Matrix;
  /** [H] */
  readonly h0: Float64Array;
  /** [T][H] */
  readonly h: Matrix;
}

export interface RnnDeltas {
  /** ∂L/∂h_t over all routes (the loss at t and the recurrence into t+1). [T][H] */
  h: Matrix;
  /** ∂L/∂a_t, the pre-activation. [T][H] */
  a: Matrix;
}

/** Runs the sequence x ([T][I]) from h0 ([H]). Returns the hidden states and what
 * the backward pass needs. `nudge` is for finite differences only. */
export function rnnForward(params: CellParams, x: Matrix, h0: Float64Array, nudge?: Nudge): { out: { h: Matrix }; cache: RnnCache } {
  const { hiddenSize } = cellSizes(params, 1);
  const steps = x.rows;
  const h = zeros(steps, hiddenSize);
  for (let t = 0; t < steps; t++) {
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    const ht = row(h, t);
    affineForward(params, row(x, t), hPrev, ht);
    if (nudge?.t === t && nudge.quantity === "pre") ht[nudge.k] += nudge.amount;
    for (let k = 0; k < hiddenSize; k++) ht[k] = Math.tanh(ht[k]);
    if (nudge?.t === t && nudge.quantity === "h") ht[nudge.k] += nudge.amount;
  }
  return { out: { h }, cache: { params, x, h0, h } };
}

/** Backpropagation through time. `dhLoss` ([T][H]) is ∂L/∂h_t through the loss alone;
 * the recurrent routes are added here. `options.drop` leaves routes out (routes.ts). */
export function rnnBackward(dhLoss: Matrix, cache: RnnCache, options: BackwardOptions<RnnRoute> = {}): { grads: CellGrads; deltas: RnnDeltas } {
  const drop = new Set(options.drop ?? []);
  if (drop.has("loss")) dhLoss = zeros(dhLoss.rows, dhLoss.cols);
  const { params, x, h0, h } = cache;
  const { hiddenSize } = cellSizes(params, 1);
  const steps = x.rows;
  const grads = zeroGrads(params, steps, hiddenSize);
  const deltas: RnnDeltas = { h: zeros(steps, hiddenSize), a: zeros(steps, hiddenSize) };
  // #region rnn-backward-step
  // ∂L/∂h_t through h_{t+1}: Wᵀ_hh δa_{t+1}; nothing flows back from beyond the end.
  const dhFromNext = new Float64Array(hiddenSize);
  for (let t = steps - 1; t >= 0; t--) {
    const dh = row(deltas.h, t);
    const da = row(deltas.a, t);
    const ht = row(h, t);
    const dhLossT = row(dhLoss, t);
    for (let k = 0; k < hiddenSize; k++) {
      dh[k] = dhLossT[k] + dhFromNext[k];
      da[k] = dh[k] * (1 - ht[k] * ht[k]);
    }
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    affineBackward(params, grads, da, row(x, t), hPrev, row(grads.x, t), dhFromNext);
    if (drop.has("recurrent")) dhFromNext.fill(0);
  }
  grads.h0.set(dhFromNext);
  // #endregion rnn-backward-step
  return { grads, deltas };
}
