// The affine map both cells start with, PyTorch's layout:
//   pre_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
// and its backward step, which every cell shares.
import { addMatTVec, addMatVec, addOuter, addInto, zeros, type Matrix } from "./tensor.ts";

/** Parameters of one recurrent layer. G row blocks of H rows each (G = 1 for the RNN,
 * G = 4 for the LSTM with blocks in the order i, f, g, o).
 *  weightIh: [G·H][I]   weightHh: [G·H][H]   biasIh, biasHh: [G·H] */
export interface CellParams {
  readonly weightIh: Matrix;
  readonly weightHh: Matrix;
  readonly biasIh: Float64Array;
  readonly biasHh: Float64Array;
}

/** Gradients of the loss for every parameter and input of a layer. */
export interface CellGrads {
  weightIh: Matrix;
  weightHh: Matrix;
  biasIh: Float64Array;
  biasHh: Float64Array;
  /** [T][I] */
  x: Matrix;
  /** [H] */
  h0: Float64Array;
}

/** Sizes derived from the parameters: input size I, hidden size H, G gate blocks. */
export function cellSizes(params: CellParams, gateBlocks: number): { inputSize: number; hiddenSize: number } {
  return { inputSize: params.weightIh.cols, hiddenSize: params.weightHh.rows / gateBlocks };
}

/** Writes pre = W_ih x + b_ih + W_hh hPrev + b_hh into `pre` (length G·H). */
export function affineForward(params: CellParams, x: Float64Array, hPrev: Float64Array, pre: Float64Array): void {
  const { biasIh, biasHh } = params;
  for (let k = 0; k < pre.length; k++) pre[k] = biasIh[k] + biasHh[k];
  addMatVec(params.weightIh, x, pre);
  addMatVec(params.weightHh, hPrev, pre);
}

/** Given dPre = ∂L/∂pre_t, accumulates the parameter gradients and writes
 * ∂L/∂x_t into dx and the recurrent share of ∂L/∂h_{t−1} into dhPrev (both overwritten). */
export function affineBackward(
  params: CellParams,
  grads: CellGrads,
  dPre: Float64Array,
  x: Float64Array,
  hPrev: Float64Array,
  dx: Float64Array,
  dhPrev: Float64Array,
): void {
  // #region affine-backward
  addInto(grads.biasIh, dPre);
  addInto(grads.biasHh, dPre);
  addOuter(grads.weightIh, dPre, x);
  addOuter(grads.weightHh, dPre, hPrev);
  dx.fill(0);
  addMatTVec(params.weightIh, dPre, dx);
  dhPrev.fill(0);
  addMatTVec(params.weightHh, dPre, dhPrev);
  // #endregion affine-backward
}

/** Takes block `block`'s share (W_hh rows block·H … block·H + H) out of dhPrev = W_hhᵀ dPre:
 * the recurrent route through that gate, left out. */
export function dropBlockRoute(weightHh: Matrix, dPre: Float64Array, block: number, hiddenSize: number, dhPrev: Float64Array): void {
  const { cols, data } = weightHh;
  for (let r = block * hiddenSize; r < (block + 1) * hiddenSize; r++) {
    const d = dPre[r];
    if (d === 0) continue;
    for (let c = 0; c < cols; c++) dhPrev[c] -= data[r * cols + c] * d;
  }
}

/** Zeroed gradients shaped like the parameters, for a sequence of `steps` inputs. */
export function zeroGrads(params: CellParams, steps: number, hiddenSize: number): CellGrads {
  return {
    weightIh: zeros(params.weightIh.rows, params.weightIh.cols),
    weightHh: zeros(params.weightHh.rows, params.weightHh.cols),
    biasIh: new Float64Array(params.biasIh.length),
    biasHh: new Float64Array(params.biasHh.length),
    x: zeros(steps, params.weightIh.cols),
    h0: new Float64Array(hiddenSize),
  };
}

/** A small amount added to one intermediate number of a forward pass right after it is
 * computed: h_t[k], c_t[k] (LSTM) or the pre-activation row k at t (k < G·H). Central
 * differences over it measure total derivatives such as ∂L/∂c_t (see evaluate.ts). */
export interface Nudge {
  quantity: "h" | "c" | "pre";
  t: number;
  k: number;
  amount: number;
}
