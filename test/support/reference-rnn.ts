// An independent reference for the gradient tests: a deliberately naive forward pass over
// the raw case JSON (nested arrays, scalar loops, no code shared with src/grad). It lets a
// test add a small offset to any intermediate quantity (h_t, c_t, a pre-activation) after
// it is computed, so central differences can measure *total* derivatives such as ∂L/∂c_t.

export interface CaseJson {
  cell: "lstm" | "gru" | "rnn";
  params: { weight_ih: number[][]; weight_hh: number[][]; bias_ih: number[]; bias_hh: number[] };
  x: number[][];
  h0?: number[];
  c0?: number[];
  loss: { kind: "linear"; dh: number[][] } | { kind: "mse"; target: number[][] };
}

/** Offsets added after a quantity is computed: where[t][k] += value. */
export interface Offset {
  quantity: "h" | "c" | "pre";
  t: number;
  k: number;
  value: number;
}

export interface ReferenceOut {
  loss: number;
  h: number[][];
  c: number[][];
  /** activated gates, each [T][H]: LSTM i, f, g, o; GRU r, z, n */
  gates: { i: number[][]; f: number[][]; g: number[][]; o: number[][]; r: number[][]; z: number[][]; n: number[][] };
}

const sig = (z: number): number => 1 / (1 + Math.exp(-z));

export function referenceForward(cs: CaseJson, offset?: Offset): ReferenceOut {
  const H = cs.params.weight_hh[0].length;
  const G = cs.cell === "lstm" ? 4 : cs.cell === "gru" ? 3 : 1;
  const bump = (q: Offset["quantity"], t: number, k: number): number =>
    offset && offset.quantity === q && offset.t === t && offset.k === k ? offset.value : 0;
  let hPrev = cs.h0 ? [...cs.h0] : new Array<number>(H).fill(0);
  let cPrev = cs.c0 ? [...cs.c0] : new Array<number>(H).fill(0);
  const out: ReferenceOut = { loss: 0, h: [], c: [], gates: { i: [], f: [], g: [], o: [], r: [], z: [], n: [] } };
  cs.x.forEach((xt, t) => {
    if (cs.cell === "gru") {
      hPrev = gruStep(cs, xt, hPrev, (q, k) => bump(q, t, k), out);
      addLoss(cs, out, t, hPrev);
      return;
    }
    const pre: number[] = [];
    for (let r = 0; r < G * H; r++) {
      let s = cs.params.bias_ih[r] + cs.params.bias_hh[r];
      xt.forEach((xv, j) => (s += cs.params.weight_ih[r][j] * xv));
      hPrev.forEach((hv, j) => (s += cs.params.weight_hh[r][j] * hv));
      pre.push(s + bump("pre", t, r));
    }
    const h: number[] = [];
    const c: number[] = [];
    if (cs.cell === "rnn") {
      for (let k = 0; k < H; k++) h.push(Math.tanh(pre[k]) + bump("h", t, k));
    } else {
      const gi = pre.slice(0, H).map(sig);
      const gf = pre.slice(H, 2 * H).map(sig);
      const gg = pre.slice(2 * H, 3 * H).map(Math.tanh);
      const go = pre.slice(3 * H).map(sig);
      for (let k = 0; k < H; k++) {
        c.push(gf[k] * cPrev[k] + gi[k] * gg[k] + bump("c", t, k));
        h.push(go[k] * Math.tanh(c[k]) + bump("h", t, k));
      }
      out.gates.i.push(gi);
      out.gates.f.push(gf);
      out.gates.g.push(gg);
      out.gates.o.push(go);
      out.c.push(c);
      cPrev = c;
    }
    out.h.push(h);
    hPrev = h;
    addLoss(cs, out, t, h);
  });
  return out;
}

function addLoss(cs: CaseJson, out: ReferenceOut, t: number, h: number[]): void {
  for (let k = 0; k < h.length; k++) {
    out.loss += cs.loss.kind === "linear" ? cs.loss.dh[t][k] * h[k] : 0.5 * (h[k] - cs.loss.target[t][k]) ** 2;
  }
}

/** One GRU step, PyTorch's nn.GRU: the input and hidden affine maps apart, because r
 * multiplies the hidden part of the n block. Offsets: "pre" rows r, z, n; then "h". */
function gruStep(cs: CaseJson, xt: number[], hPrev: number[], bump: (q: Offset["quantity"], k: number) => number, out: ReferenceOut): number[] {
  const H = hPrev.length;
  const affine = (w: number[][], b: number[], v: number[], r: number): number => w[r].reduce((s, wv, j) => s + wv * v[j], b[r]);
  const gr: number[] = [];
  const gz: number[] = [];
  const gn: number[] = [];
  const h: number[] = [];
  for (let k = 0; k < H; k++) {
    const { weight_ih: wi, weight_hh: wh, bias_ih: bi, bias_hh: bh } = cs.params;
    gr.push(sig(affine(wi, bi, xt, k) + affine(wh, bh, hPrev, k) + bump("pre", k)));
    gz.push(sig(affine(wi, bi, xt, H + k) + affine(wh, bh, hPrev, H + k) + bump("pre", H + k)));
    gn.push(Math.tanh(affine(wi, bi, xt, 2 * H + k) + gr[k] * affine(wh, bh, hPrev, 2 * H + k) + bump("pre", 2 * H + k)));
    h.push((1 - gz[k]) * gn[k] + gz[k] * hPrev[k] + bump("h", k));
  }
  out.gates.r.push(gr);
  out.gates.z.push(gz);
  out.gates.n.push(gn);
  out.h.push(h);
  return h;
}

/** Central difference of the reference loss for an offset at (quantity, t, k). */
export function offsetDerivative(cs: CaseJson, quantity: Offset["quantity"], t: number, k: number, step = 1e-5): number {
  const plus = referenceForward(cs, { quantity, t, k, value: step }).loss;
  const minus = referenceForward(cs, { quantity, t, k, value: -step }).loss;
  return (plus - minus) / (2 * step);
}

/** Central difference of the reference loss for one number inside the case JSON,
 * reached through `get` (which returns the array holding it) and index `k`. */
export function valueDerivative(cs: CaseJson, holder: (c: CaseJson) => number[], k: number, step = 1e-5): number {
  const copy: CaseJson = structuredClone(cs);
  const arr = holder(copy);
  const saved = arr[k];
  arr[k] = saved + step;
  const plus = referenceForward(copy).loss;
  arr[k] = saved - step;
  const minus = referenceForward(copy).loss;
  return (plus - minus) / (2 * step);
}
