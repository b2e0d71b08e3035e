// An LSTM with peephole connections (Greff et al.'s full model), for the peephole slide:
// ī, f̄ also see c^{t−1} and ō sees c^t through diagonal weights p_i, p_f, p_o. Not part of
// src/grad (PyTorch's nn.LSTM has no peepholes): a small forward and backward written out
// here, checked on the slide by central differences of its own forward pass.
type Vec = number[];

export interface PeepholeCase {
  W: { z: number[][]; i: number[][]; f: number[][]; o: number[][] };
  R: { z: number[][]; i: number[][]; f: number[][]; o: number[][] };
  b: { z: Vec; i: Vec; f: Vec; o: Vec };
  p: { i: Vec; f: Vec; o: Vec };
  x: Vec[];
  target: Vec[];
}

const sig = (v: number) => 1 / (1 + Math.exp(-v));
const mv = (m: number[][], v: Vec) => m.map((row) => row.reduce((s, w, k) => s + w * v[k], 0));
const mtv = (m: number[][], v: Vec) => m[0].map((_, k) => m.reduce((s, row, r) => s + row[k] * v[r], 0));
const add = (...vs: Vec[]) => vs[0].map((_, k) => vs.reduce((s, v) => s + v[k], 0));
const mul = (...vs: Vec[]) => vs[0].map((_, k) => vs.reduce((s, v) => s * v[k], 1));

/** Forward over the sequence; `nudge` adds to c^t[k] right after it is computed. */
export function forward(cs: PeepholeCase, nudge?: { t: number; k: number; amount: number }) {
  const H = cs.b.z.length;
  let y: Vec = new Array(H).fill(0);
  let c: Vec = new Array(H).fill(0);
  const steps: { cPrev: Vec; yPrev: Vec; z: Vec; i: Vec; f: Vec; o: Vec; c: Vec; y: Vec }[] = [];
  let loss = 0;
  cs.x.forEach((x, t) => {
    const pre = (g: "z" | "i" | "f" | "o") => add(mv(cs.W[g], x), mv(cs.R[g], y), cs.b[g]);
    const z = pre("z").map(Math.tanh);
    const i = add(pre("i"), mul(cs.p.i, c)).map(sig);
    const f = add(pre("f"), mul(cs.p.f, c)).map(sig);
    const cNew = add(mul(z, i), mul(c, f)).map((v, k) => v + (nudge && nudge.t === t && nudge.k === k ? nudge.amount : 0));
    const o = add(pre("o"), mul(cs.p.o, cNew)).map(sig);
    const yNew = mul(cNew.map(Math.tanh), o);
    steps.push({ cPrev: c, yPrev: y, z, i, f, o, c: cNew, y: yNew });
    loss += yNew.reduce((s, v, k) => s + 0.5 * (v - cs.target[t][k]) ** 2, 0);
    [c, y] = [cNew, yNew];
  });
  return { steps, loss };
}

/** Backpropagation through time with the peepholes' extra routes into δc. */
export function backward(cs: PeepholeCase) {
  const { steps } = forward(cs);
  const H = cs.b.z.length;
  const T = steps.length;
  const zero = () => new Array<number>(H).fill(0);
  const out = { dy: [] as Vec[], dc: [] as Vec[], di: [] as Vec[], df: [] as Vec[], dz: [] as Vec[], do: [] as Vec[] };
  let [next, dcNext] = [{ i: zero(), f: zero(), z: zero(), o: zero() }, zero()];
  let fNext = zero();
  for (let t = T - 1; t >= 0; t--) {
    const s = steps[t];
    const recurrent = add(mtv(cs.R.z, next.z), mtv(cs.R.i, next.i), mtv(cs.R.f, next.f), mtv(cs.R.o, next.o));
    const dy = add(s.y.map((v, k) => v - cs.target[t][k]), recurrent);
    const dO = mul(dy, s.c.map(Math.tanh), s.o.map((v) => v * (1 - v)));
    const dc = add(mul(dy, s.o, s.c.map((v) => 1 - Math.tanh(v) ** 2)), mul(cs.p.o, dO), mul(cs.p.i, next.i), mul(cs.p.f, next.f), mul(dcNext, fNext));
    const dF = mul(dc, s.cPrev, s.f.map((v) => v * (1 - v)));
    const dI = mul(dc, s.z, s.i.map((v) => v * (1 - v)));
    const dZ = mul(dc, s.i, s.z.map((v) => 1 - v * v));
    out.dy[t] = dy;
    out.dc[t] = dc;
    out.di[t] = dI;
    out.df[t] = dF;
    out.dz[t] = dZ;
    out.do[t] = dO;
    [next, dcNext, fNext] = [{ i: dI, f: dF, z: dZ, o: dO }, dc, s.f];
  }
  return { steps, ...out };
}

/** ∂L/∂c^t[k] by central differences of the forward pass. */
export function numericDc(cs: PeepholeCase, t: number, k: number, step = 1e-6): number {
  return (forward(cs, { t, k, amount: step }).loss - forward(cs, { t, k, amount: -step }).loss) / (2 * step);
}
