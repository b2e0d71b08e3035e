// GRU as PyTorch's nn.GRU, single layer, unbatched. Row blocks of the parameters are in the
// order r, z, n:
//   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
//   z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
//   n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
//   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
// Unlike the other cells, the hidden side of the n block is multiplied by r before it is
// added, so the input and hidden affine maps are kept apart.
import { cellSizes, dropBlockRoute, zeroGrads, type CellGrads, type CellParams, type Nudge } from "./affine.ts";
import type { BackwardOptions, GruRoute } from "./routes.ts";
import { addInto, addMatTVec, addMatVec, addOuter, row, sigmoid, zeros, type Matrix } from "./tensor.ts";

/** Number of row blocks in the GRU's parameters: r, z, n. */
export const GRU_GATES = 3;

export interface GruOut {
  /** [T][H] */
  h: Matrix;
  /** Activated gates, [T][3H]: columns [0,H) r, [H,2H) z, [2H,3H) n. */
  gates: Matrix;
}

export interface GruCache extends GruOut {
  readonly params: CellParams;
  /** [T][I] */
  readonly x: Matrix;
  /** [H] */
  readonly h0: Float64Array;
  /** W_hn h_{t−1} + b_hn, the n block's hidden part before r multiplies it, [T][H] */
  readonly hiddenN: Matrix;
}

export interface GruDeltas {
  /** ∂L/∂h_t over all routes, [T][H] */
  h: Matrix;
  /** ∂L/∂(pre-activation) of r and z, and of n's W_in x + b_in + r ⊙ (W_hn h + b_hn),
   * [T][3H] in the block order r, z, n */
  gates: Matrix;
}

/** Runs the sequence x ([T][I]) from h0 ([H]). `nudge` is for finite differences only
 * ("pre" rows k < 3H in the order r, z, n). */
export function gruForward(params: CellParams, x: Matrix, h0: Float64Array, nudge?: Nudge): { out: GruOut; cache: GruCache } {
  const { hiddenSize: H } = cellSizes(params, GRU_GATES);
  const steps = x.rows;
  const h = zeros(steps, H);
  const gates = zeros(steps, GRU_GATES * H);
  const hiddenN = zeros(steps, H);
  const input = new Float64Array(GRU_GATES * H); // W_ih x + b_ih
  const hidden = new Float64Array(GRU_GATES * H); // W_hh h + b_hh
  for (let t = 0; t < steps; t++) {
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    input.set(params.biasIh);
    addMatVec(params.weightIh, row(x, t), input);
    hidden.set(params.biasHh);
    addMatVec(params.weightHh, hPrev, hidden);
    const nudged = nudge?.t === t ? nudge : undefined;
    const gt = row(gates, t);
    const ht = row(h, t);
    const hn = row(hiddenN, t);
    for (let k = 0; k < H; k++) {
      const preR = input[k] + hidden[k] + (nudged?.quantity === "pre" && nudged.k === k ? nudged.amount : 0);
      const preZ = input[H + k] + hidden[H + k] + (nudged?.quantity === "pre" && nudged.k === H + k ? nudged.amount : 0);
      const r = (gt[k] = sigmoid(preR));
      const z = (gt[H + k] = sigmoid(preZ));
      hn[k] = hidden[2 * H + k];
      const preN = input[2 * H + k] + r * hn[k] + (nudged?.quantity === "pre" && nudged.k === 2 * H + k ? nudged.amount : 0);
      const n = (gt[2 * H + k] = Math.tanh(preN));
      ht[k] = (1 - z) * n + z * hPrev[k];
      if (nudged?.quantity === "h" && nudged.k === k) ht[k] += nudged.amount;
    }
  }
  return { out: { h, gates }, cache: { params, x, h0, h, gates, hiddenN } };
}

/** Each recurrent route's row block (r, z, n). */
const RECURRENT_BLOCK: Readonly<Record<string, number>> = { "recurrent-r": 0, "recurrent-z": 1, "recurrent-n": 2 };

/** Backpropagation through time. `dhLoss` ([T][H]) is ∂L/∂h_t through the loss alone; the
 * routes through h_{t+1} (straight, through z, and through r, z and n) are added here.
 * `options.drop` leaves routes out (routes.ts): a wrong gradient, on purpose. */
export function gruBackward(dhLoss: Matrix, cache: GruCache, options: BackwardOptions<GruRoute> = {}): { grads: CellGrads; deltas: GruDeltas } {
  const drop = new Set(options.drop ?? []);
  const droppedBlocks = Object.entries(RECURRENT_BLOCK).filter(([route]) => drop.has(route as GruRoute)).map(([, block]) => block);
  const dropStraight = drop.has("straight");
  if (drop.has("loss")) dhLoss = zeros(dhLoss.rows, dhLoss.cols);
  const { params, x, h0, h, gates, hiddenN } = cache;
  const { hiddenSize: H } = cellSizes(params, GRU_GATES);
  const steps = x.rows;
  const grads = zeroGrads(params, steps, H);
  const deltas: GruDeltas = { h: zeros(steps, H), gates: zeros(steps, GRU_GATES * H) };
  const dhFromNext = new Float64Array(H);
  const dHidden = new Float64Array(GRU_GATES * H); // ∂L/∂(W_hh h + b_hh)
  for (let t = steps - 1; t >= 0; t--) {
    const gt = row(gates, t);
    const hn = row(hiddenN, t);
    const hPrev = t > 0 ? row(h, t - 1) : h0;
    const dhLossT = row(dhLoss, t);
    const dh = row(deltas.h, t);
    const dPre = row(deltas.gates, t);
    // #region gru-backward-step
    for (let k = 0; k < H; k++) {
      const r = gt[k];
      const z = gt[H + k];
      const n = gt[2 * H + k];
      dh[k] = dhLossT[k] + dhFromNext[k];
      const dn = dh[k] * (1 - z) * (1 - n * n); // through n's tanh
      dPre[2 * H + k] = dn;
      dPre[H + k] = dh[k] * (hPrev[k] - n) * z * (1 - z); // through z's σ
      dPre[k] = dn * hn[k] * r * (1 - r); // through r's σ
      dHidden[k] = dPre[k];
      dHidden[H + k] = dPre[H + k];
      dHidden[2 * H + k] = dn * r; // r scales the n block's hidden part
    }
    // #endregion gru-backward-step
    // #region gru-backward-weights
    addInto(grads.biasIh, dPre);
    addOuter(grads.weightIh, dPre, row(x, t));
    addMatTVec(params.weightIh, dPre, row(grads.x, t));
    addInto(grads.biasHh, dHidden);
    addOuter(grads.weightHh, dHidden, hPrev);
    // ∂L/∂h_{t−1}: through W_hh into all three blocks, and straight through z ⊙ h_{t−1}
    for (let k = 0; k < H; k++) dhFromNext[k] = dh[k] * gt[H + k];
    addMatTVec(params.weightHh, dHidden, dhFromNext);
    // #endregion gru-backward-weights
    // routes left out on purpose (routes.ts), after the step the deck shows
    if (dropStraight) for (let k = 0; k < H; k++) dhFromNext[k] -= dh[k] * gt[H + k];
    for (const block of droppedBlocks) dropBlockRoute(params.weightHh, dHidden, block, H, dhFromNext);
  }
  grads.h0.set(dhFromNext);
  return { grads, deltas };
}
