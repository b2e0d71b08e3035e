// The two losses of the case contract, both on the hidden states h ([T][H]):
//   linear: L = Σ_t dh_t · h_t          (a stand-in for "whatever comes after")
//   mse:    L = Σ_t ½‖h_t − target_t‖²
import { zeros, type Matrix } from "./tensor.ts";

export type Loss = { readonly kind: "linear"; readonly dh: Matrix } | { readonly kind: "mse"; readonly target: Matrix };

/** The loss value and ∂L/∂h_t through the loss alone (no recurrent routes). */
export function evaluateLoss(loss: Loss, h: Matrix): { value: number; dh: Matrix } {
  const n = h.data.length;
  if (loss.kind === "linear") {
    let value = 0;
    for (let k = 0; k < n; k++) value += loss.dh.data[k] * h.data[k];
    return { value, dh: loss.dh };
  }
  const dh = zeros(h.rows, h.cols);
  let value = 0;
  for (let k = 0; k < n; k++) {
    const diff = h.data[k] - loss.target.data[k];
    value += 0.5 * diff * diff;
    dh.data[k] = diff;
  }
  return { value, dh };
}
