// The deck's notation, written once: which symbol on a slide is which number of a worked
// example. The build evaluates every display formula of an equation slide with these
// bindings on its example's case (src/compile/formulas) — both sides, at every time step
// where the formula is defined — and shows each bound symbol's value on hover and focus.
//
// Conventions (also on the slides):
// - Time steps are 0-based as in the case files: t = 0 … T−1. y⁻¹ (h⁻¹) and c⁻¹ are the
//   initial states h0 and c0; a delta one step past the end (δ·ᵀ) is zero.
// - ∂a/∂b is a total derivative (nudge b, recompute what depends on it): δv = ∂L/∂v over
//   every route; a derivative with something held fixed says so on its slide.
// - Vectors are columns; squares are written out (v ⊙ v); ∏_{j=a}^{b} M_j multiplies with
//   later steps on the left (M_b ⋯ M_a), as backpropagation applies them.
// - LSTM: Greff et al.'s letters z, i, f, o (PyTorch's row blocks g, i, f, o); ∗ in a
//   formula means each of them in turn. GRU: PyTorch's r, z, n, with W_{i∗} on the input
//   and W_{h∗} on the hidden side (b_{hn} sits inside r ⊙ (…), so it is kept apart).
import { casePreactivations, evaluateCase, fromRows, lstmForward, parseCase, type Case, type CaseResult } from "@grad";
import { defineNotation, type NestedNumbers, type NotationTable } from "@deck/notation";

/** Greff's gate letter → the block of PyTorch's layout (i, f, g, o). */
const GATES = { z: 2, i: 0, f: 1, o: 3 } as const;
const PYTORCH_NAME = { z: "g", i: "i", f: "f", o: "o" } as const;
type Gate = keyof typeof GATES;
const LETTERS = Object.keys(GATES) as Gate[];

const perGate = (entry: (g: Gate) => [string, string][]): Record<string, string> => Object.fromEntries(LETTERS.flatMap(entry));

const lstm: NotationTable = {
  indices: ["t", "k", "j"],
  wildcard: LETTERS,
  symbols: {
    "\\mathbf{x}^{t}": "x[t]",
    "\\mathbf{y}^{t}": "h[t]",
    "\\mathbf{c}^{t}": "c[t]",
    "\\Delta^{t}": "dloss[t]",
    "\\delta\\mathbf{y}^{t}": "deltas.h[t]",
    "\\delta\\mathbf{c}^{t}": "deltas.c[t]",
    "\\delta\\mathbf{x}^{t}": "grads.x[t]",
    "\\pd{\\mathbf{c}^{t}}{\\mathbf{c}^{t-1}}": "jac.dc[t]",
    L: "loss",
    // the four blocks stacked in PyTorch's order i, f, g, o: ā ∈ ℝ⁴ᴴ, W = weight_ih, R = weight_hh
    W: "W.stack",
    R: "R.stack",
    "\\mathbf{b}": "b.stack",
    "\\bar{\\mathbf{a}}^{t}": "pre.stack[t]",
    "\\delta\\bar{\\mathbf{a}}^{t}": "deltas.stack[t]",
    "\\delta W": "grads.weight_ih",
    "\\delta R": "grads.weight_hh",
    "\\delta\\mathbf{b}": "grads.bias_ih",
    ...perGate((g) => [
      [`\\mathbf{${g}}^{t}`, `gates.${g}[t]`],
      [`\\bar{\\mathbf{${g}}}^{t}`, `pre.${g}[t]`],
      [`\\delta\\bar{\\mathbf{${g}}}^{t}`, `deltas.${g}[t]`],
      [`\\delta\\bar{${g}}^{t}`, `deltas.${g}[t]`], // δ\bar{∗}ᵗ with ∗ = g
      [`W_${g}`, `W.${g}`],
      [`R_${g}`, `R.${g}`],
      [`\\mathbf{b}_${g}`, `b.${g}`],
      [`\\delta W_${g}`, `grads.W.${g}`],
      [`\\delta R_${g}`, `grads.R.${g}`],
      [`\\delta\\mathbf{b}_${g}`, `grads.b.${g}`],
    ]),
  },
  functions: { "\\sigma": "sigmoid", "\\sigma'": "sigmoid'", "\\tanh'": "tanh'" },
  boundaries: {
    h: { before: "h0" },
    c: { before: "c0" },
    "deltas.h": { before: "grads.h0", after: "zero" },
    "deltas.c": { before: "grads.c0", after: "zero" },
    ...Object.fromEntries(LETTERS.map((g) => [`deltas.${g}`, { after: "zero" as const }])),
    "deltas.stack": { after: "zero" },
  },
};

const rnn: NotationTable = {
  indices: ["t", "k", "j"],
  symbols: {
    "\\mathbf{x}^{t}": "x[t]",
    "\\mathbf{h}^{t}": "h[t]",
    "\\mathbf{a}^{t}": "a[t]",
    "\\mathbf{d}^{t}": "target[t]",
    "W_{ih}": "W_ih",
    "W_{hh}": "W_hh",
    "\\mathbf{b}_{ih}": "b_ih",
    "\\mathbf{b}_{hh}": "b_hh",
    L: "loss",
    "L^{t}": "Lt[t]",
    "\\delta\\mathbf{h}^{t}": "deltas.h[t]",
    "\\delta\\mathbf{a}^{t}": "deltas.a[t]",
    "\\delta\\mathbf{x}^{t}": "grads.x[t]",
    "\\pd{L^{t}}{\\mathbf{h}^{t}}": "dloss[t]",
    "\\Delta^{t}": "dloss[t]",
    "\\pd{L}{W_{hh}}": "grads.weight_hh",
    "\\pd{L}{W_{ih}}": "grads.weight_ih",
    "\\pd{L}{\\mathbf{b}_{ih}}": "grads.bias_ih",
    "\\pd{L}{\\mathbf{b}_{hh}}": "grads.bias_hh",
    "\\pd{\\mathbf{h}^{t}}{\\mathbf{h}^{k}}": "jac[t][k]",
  },
  functions: { "\\tanh'": "tanh'" },
  // past the last step there is no loss and no state for a loss to reach: zero
  boundaries: { h: { before: "h0" }, "deltas.h": { before: "grads.h0", after: "zero" }, "deltas.a": { after: "zero" }, dloss: { after: "zero" }, jac: { after: "zero" } },
};

/** PyTorch's GRU blocks: r, z, n. */
const GRU_BLOCKS = ["r", "z", "n"] as const;

const gru: NotationTable = {
  indices: ["t", "k", "j"],
  wildcard: ["r", "z", "n"],
  symbols: {
    "\\mathbf{x}^{t}": "x[t]",
    "\\mathbf{h}^{t}": "h[t]",
    "\\Delta^{t}": "dloss[t]",
    "\\delta\\mathbf{h}^{t}": "deltas.h[t]",
    "\\delta\\mathbf{x}^{t}": "grads.x[t]",
    L: "loss",
    ...Object.fromEntries(
      GRU_BLOCKS.flatMap((g) => [
        [`\\mathbf{${g}}^{t}`, `gates.${g}[t]`],
        [`\\bar{\\mathbf{${g}}}^{t}`, `pre.${g}[t]`],
        [`\\delta\\bar{\\mathbf{${g}}}^{t}`, `deltas.${g}[t]`],
        [`\\delta\\bar{${g}}^{t}`, `deltas.${g}[t]`], // δ\bar{∗}ᵗ with ∗ = g
        [`W_{i${g}}`, `W_i.${g}`],
        [`W_{h${g}}`, `W_h.${g}`],
        [`\\mathbf{b}_{i${g}}`, `b_i.${g}`],
        [`\\mathbf{b}_{h${g}}`, `b_h.${g}`],
        [`\\delta W_{i${g}}`, `grads.W_i.${g}`],
        [`\\delta W_{h${g}}`, `grads.W_h.${g}`],
        [`\\delta\\mathbf{b}_{i${g}}`, `grads.b_i.${g}`],
        [`\\delta\\mathbf{b}_{h${g}}`, `grads.b_h.${g}`],
      ]),
    ),
  },
  functions: { "\\sigma": "sigmoid", "\\sigma'": "sigmoid'", "\\tanh'": "tanh'" },
  boundaries: {
    h: { before: "h0" },
    "deltas.h": { before: "grads.h0", after: "zero" },
    ...Object.fromEntries(GRU_BLOCKS.map((g) => [`deltas.${g}`, { after: "zero" as const }])),
  },
};

/** A table for an example that is not about a case: its symbols are its record's values. */
const scalar = (symbols: Record<string, string>, extra: Partial<NotationTable> = {}): NotationTable => ({ indices: [], functions: {}, boundaries: {}, symbols, ...extra });

export default defineNotation({
  cells: { lstm, gru, rnn },
  examples: {
    "chain-one-route-example": scalar({ "\\pd{f}{u}": "dfdu", "\\pd{f}{x}": "dfdx", "\\pd{x}{u}": "dxdu" }),
    "chain-two-routes-example": scalar({ "\\pd{f}{u_1}": "dfdu1", "\\pd{f}{x_1}": "dfdx1", "\\pd{x_1}{u_1}": "dx1du1", "\\pd{f}{x_2}": "dfdx2", "\\pd{x_2}{u_1}": "dx2du1" }),
    "chain-general-example": scalar({ "\\pd{f}{u_i}": "dfdu", "\\pd{f}{x_j}": "dfdx[j-1]", "\\pd{x_j}{u_i}": "dxdu[j-1]", n: "n" }, { indices: ["j"] }),
    "chain-vectors-example": scalar({ "\\pd{L}{\\mathbf{u}}": "grad", "\\pd{L}{\\mathbf{x}}": "a", J: "J", "\\mathbf{u}": "u" }, { functions: { "\\phi": "tanh", "\\phi'": "tanh'" } }),
    "dense-layer-example": scalar({ "\\mathbf{v}": "v", W: "W", "\\mathbf{x}": "x", "\\mathbf{b}": "b", "\\delta\\mathbf{v}": "dv", "\\delta\\mathbf{x}": "dx", "\\delta W": "dW", "\\delta\\mathbf{b}": "db" }),
    "rnn-output-layer-example": scalar({ "\\mathbf{s}": "s", V: "V", "\\mathbf{h}": "h", "\\mathbf{b}_s": "bs", "\\hat{\\mathbf{y}}": "yhat", "\\mathbf{d}": "d", L: "L", "\\pd{L}{\\mathbf{s}}": "dLds", "\\pd{L}{\\mathbf{h}}": "Delta", "\\Delta": "Delta" }),
    "lstm-peepholes-example": scalar(
      {
        "\\delta\\mathbf{c}^{t}": "deltas.c[t]", "\\delta\\mathbf{y}^{t}": "deltas.h[t]", "\\mathbf{o}^{t}": "gates.o[t]", "\\mathbf{f}^{t}": "gates.f[t]", "\\mathbf{c}^{t}": "c[t]",
        "\\delta\\bar{\\mathbf{o}}^{t}": "deltas.o[t]", "\\delta\\bar{\\mathbf{i}}^{t}": "deltas.i[t]", "\\delta\\bar{\\mathbf{f}}^{t}": "deltas.f[t]",
        "\\mathbf{p}_o": "p_o", "\\mathbf{p}_i": "p_i", "\\mathbf{p}_f": "p_f",
      },
      { indices: ["t"], functions: { "\\tanh'": "tanh'" }, boundaries: { "deltas.c": { after: "zero" }, "deltas.i": { after: "zero" }, "deltas.f": { after: "zero" } } },
    ),
    // a minibatch: one row per sequence (slides/lib/minibatch.ts builds the matrices from src/grad)
    "lstm-minibatch-example": scalar(
      {
        "X^{t}": "X[t]", "Y^{t}": "Y[t]", "\\bar{A}^{t}": "A[t]", "\\delta\\bar{A}^{t}": "dA[t]", "\\delta X^{t}": "dX[t]", "\\delta Y^{t}": "dY[t]", "\\Delta^{t}": "D[t]",
        W: "Wmat", R: "Rmat", "\\mathbf{b}": "bvec", "\\mathbf{1}_N": "ones", "\\delta W": "dW", "\\delta R": "dR", "\\delta\\mathbf{b}": "db",
      },
      { indices: ["t"], boundaries: { Y: { before: "Y0" }, dA: { after: "zero" } } },
    ),
    // Cho et al.'s GRU (slides/lib/gru-variants.ts): r before the hidden matrix U_n
    "gru-cho-example": scalar(
      {
        "\\delta\\mathbf{h}^{t}": "dh[t]", "\\Delta^{t}": "own[t]", "\\mathbf{z}^{t}": "z[t]", "\\mathbf{r}^{t}": "r[t]", "\\mathbf{h}^{t}": "h[t]", "\\bar{\\mathbf{r}}^{t}": "preR[t]",
        "\\delta\\bar{\\mathbf{z}}^{t}": "dz[t]", "\\delta\\bar{\\mathbf{n}}^{t}": "dn[t]", "\\delta\\bar{\\mathbf{r}}^{t}": "dr[t]", U_z: "Uz", U_n: "Un", U_r: "Ur",
      },
      { indices: ["t"], functions: { "\\sigma'": "sigmoid'" }, boundaries: { h: { before: "h0" }, dh: { after: "zero" }, dz: { after: "zero" }, dn: { after: "zero" }, dr: { after: "zero" } } },
    ),
    "clipping-example": scalar({ "\\tilde{\\mathbf{g}}": "clipped", "\\mathbf{g}": "g", "\\tau": "tau", "g_k": "g[k]", "\\hat{g}_k": "elementwise[k]" }, { indices: ["k"] }),
  },
  product: "later-left",
  values: caseValues,
});

/** Every value the tables name, for one case, computed with src/grad. */
export function caseValues(json: unknown): Record<string, NestedNumbers> {
  const c = parseCase(json);
  const r = evaluateCase(c);
  const raw = json as { loss: { kind: string; target?: number[][]; dh?: number[][] } };
  const own = r.h.map((h, t) => (raw.loss.kind === "mse" ? h.map((v, k) => v - raw.loss.target![t][k]) : raw.loss.dh![t]));
  const common: Record<string, NestedNumbers> = {
    x: toNested(c.x.data, c.sizes.inputSize),
    h: r.h,
    h0: Array.from(c.h0),
    loss: r.loss,
    dloss: own,
    "deltas.h": r.deltas.h,
    "grads.h0": r.grads.h0,
    "grads.x": r.grads.x,
    "grads.weight_ih": r.grads.weight_ih,
    "grads.weight_hh": r.grads.weight_hh,
    "grads.bias_ih": r.grads.bias_ih,
    "grads.bias_hh": r.grads.bias_hh,
  };
  if (c.cell === "lstm") return { ...common, ...lstmValues(c, r) };
  if (c.cell === "gru") return { ...common, ...gruValues(c, r) };
  return { ...common, ...rnnValues(c, r, raw.loss.target) };
}

const toNested = (data: Float64Array, cols: number): number[][] => Array.from({ length: data.length / cols }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
const block = (rows: number[][], b: number, H: number): number[][] => rows.slice(b * H, (b + 1) * H);
const blockOfEach = (rows: number[][], b: number, H: number): number[][] => rows.map((r) => r.slice(b * H, (b + 1) * H));

function lstmValues(c: Case, r: CaseResult): Record<string, NestedNumbers> {
  const H = c.sizes.hiddenSize;
  const wih = toNested(c.params.weightIh.data, c.sizes.inputSize);
  const whh = toNested(c.params.weightHh.data, H);
  const bias = Array.from(c.params.biasIh, (v, k) => v + c.params.biasHh[k]);
  const pre = casePreactivations(c);
  const values: Record<string, NestedNumbers> = { c: r.c!, c0: Array.from(c.c0), "deltas.c": r.deltas.c!, "grads.c0": r.grads.c0!, "jac.dc": cellJacobians(c, r) };
  values["W.stack"] = wih;
  values["R.stack"] = whh;
  values["b.stack"] = bias;
  values["pre.stack"] = pre;
  // src/grad's gate deltas, stacked per step in its order i, f, g, o
  values["deltas.stack"] = r.h.map((_, t) => (["i", "f", "g", "o"] as const).flatMap((g) => r.deltas[g]![t]));
  for (const g of LETTERS) {
    const b = GATES[g];
    values[`gates.${g}`] = r.gates![PYTORCH_NAME[g]]!;
    values[`pre.${g}`] = blockOfEach(pre, b, H);
    values[`deltas.${g}`] = r.deltas[PYTORCH_NAME[g]]!;
    values[`W.${g}`] = block(wih, b, H);
    values[`R.${g}`] = block(whh, b, H);
    values[`b.${g}`] = bias.slice(b * H, (b + 1) * H);
    values[`grads.W.${g}`] = block(r.grads.weight_ih, b, H);
    values[`grads.R.${g}`] = block(r.grads.weight_hh, b, H);
    values[`grads.b.${g}`] = r.grads.bias_ih.slice(b * H, (b + 1) * H);
  }
  return values;
}

/** ∂cᵗ/∂cᵗ⁻¹ in full: cᵗ⁻¹ nudged right after src/grad's forward pass computes it, so that
 * yᵗ⁻¹ = oᵗ⁻¹ ⊙ tanh(cᵗ⁻¹) and the gates of step t move with it. Central differences,
 * Richardson-extrapolated (error O(ε⁴), about 1e-12 here). None at t = 0: y⁻¹ is given, not
 * made from c⁻¹. */
function cellJacobians(c: Case, r: CaseResult): (number[][] | null)[] {
  const H = c.sizes.hiddenSize;
  const cAt = (t: number, k: number, amount: number): Float64Array =>
    lstmForward(c.params, c.x, c.h0, c.c0, { quantity: "c", t: t - 1, k, amount }).out.c.data.subarray(t * H, (t + 1) * H);
  const central = (t: number, k: number, eps: number): number[] => {
    const [up, down] = [cAt(t, k, eps), cAt(t, k, -eps)];
    return Array.from(up, (u, row) => (u - down[row]) / (2 * eps));
  };
  const eps = 1e-3;
  return r.c!.map((_, t) => {
    if (t === 0) return null;
    const columns = Array.from({ length: H }, (_, k) => {
      const [coarse, fine] = [central(t, k, eps), central(t, k, eps / 2)];
      return fine.map((f, row) => (4 * f - coarse[row]) / 3);
    });
    return Array.from({ length: H }, (_, row) => columns.map((col) => col[row]));
  });
}

function gruValues(c: Case, r: CaseResult): Record<string, NestedNumbers> {
  const H = c.sizes.hiddenSize;
  const wih = toNested(c.params.weightIh.data, c.sizes.inputSize);
  const whh = toNested(c.params.weightHh.data, H);
  // r̄ and z̄ are src/grad's affine maps; n̄ (r multiplies its hidden part) is read back
  // from n = tanh(n̄), so it does not restate the slide's formula
  const pre = casePreactivations(c);
  const values: Record<string, NestedNumbers> = { "pre.r": blockOfEach(pre, 0, H), "pre.z": blockOfEach(pre, 1, H), "pre.n": r.gates!.n!.map((row) => row.map(Math.atanh)) };
  GRU_BLOCKS.forEach((g, b) => {
    values[`gates.${g}`] = r.gates![g]!;
    values[`deltas.${g}`] = r.deltas[g]!;
    values[`W_i.${g}`] = block(wih, b, H);
    values[`W_h.${g}`] = block(whh, b, H);
    values[`b_i.${g}`] = Array.from(c.params.biasIh.subarray(b * H, (b + 1) * H));
    values[`b_h.${g}`] = Array.from(c.params.biasHh.subarray(b * H, (b + 1) * H));
    values[`grads.W_i.${g}`] = block(r.grads.weight_ih, b, H);
    values[`grads.W_h.${g}`] = block(r.grads.weight_hh, b, H);
    values[`grads.b_i.${g}`] = r.grads.bias_ih.slice(b * H, (b + 1) * H);
    values[`grads.b_h.${g}`] = r.grads.bias_hh.slice(b * H, (b + 1) * H);
  });
  return values;
}

function rnnValues(c: Case, r: CaseResult, target: number[][] | undefined): Record<string, NestedNumbers> {
  const H = c.sizes.hiddenSize;
  const steps = c.sizes.steps;
  return {
    a: casePreactivations(c),
    W_ih: toNested(c.params.weightIh.data, c.sizes.inputSize),
    W_hh: toNested(c.params.weightHh.data, H),
    b_ih: Array.from(c.params.biasIh),
    b_hh: Array.from(c.params.biasHh),
    target: target ?? null,
    Lt: target ? r.h.map((h, t) => 0.5 * h.reduce((s, v, k) => s + (v - target[t][k]) ** 2, 0)) : null,
    "deltas.a": r.deltas.a!,
    jac: Array.from({ length: steps }, (_, t) => Array.from({ length: steps }, (_, k) => (k <= t ? jacobian(c, t, k) : null))),
  };
}

/** ∂hᵗ/∂hᵏ from src/grad's backward pass: with the loss eᵣ · hᵗ alone, δhᵏ is row r. */
function jacobian(c: Case, t: number, k: number): number[][] {
  const H = c.sizes.hiddenSize;
  return Array.from({ length: H }, (_, r) => {
    const dh = Array.from({ length: c.sizes.steps }, (_, s) => Array.from({ length: H }, (_, j) => (s === t && j === r ? 1 : 0)));
    const probe = evaluateCase({ ...c, loss: { kind: "linear", dh: fromRows(dh) } });
    return probe.deltas.h[k];
  });
}
