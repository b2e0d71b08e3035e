// GRU variants for the variants slides. PyTorch's GRU (src/grad's) applies r after the hidden
// matrix, r ⊙ (U_n h + c_n), and lets z weigh the old state; Cho et al. (2014) apply r before
// it, U_n (r ⊙ h); Olah's blog post applies r before it too and lets z weigh the candidate.
// Not part of src/grad: a small forward pass for each, and a backward pass for Cho's variant
// written route by route as its slide writes it, checked there by central differences of
// this forward pass (and, in the tests, against src/grad where the variants coincide).
type Vec = number[];
type Gate = "r" | "z" | "n";

export interface GruVariantCase {
  /** input-side weights W_∗ (H × I) and biases b_∗ */
  W: Record<Gate, number[][]>;
  b: Record<Gate, Vec>;
  /** hidden-side weights U_∗ (H × H) and biases c_∗ */
  U: Record<Gate, number[][]>;
  c: Record<Gate, Vec>;
  x: Vec[];
  target: Vec[];
}

export interface Variant {
  /** Cho, Olah: n̄ = W_n x + b_n + U_n (r ⊙ h) + c_n; PyTorch: W_n x + b_n + r ⊙ (U_n h + c_n) */
  rBeforeMatrix: boolean;
  /** Olah: h' = (1 − z) ⊙ h + z ⊙ n; Cho, PyTorch: h' = z ⊙ h + (1 − z) ⊙ n */
  zWeighsCandidate: boolean;
}

export const PYTORCH: Variant = { rBeforeMatrix: false, zWeighsCandidate: false };
export const CHO: Variant = { rBeforeMatrix: true, zWeighsCandidate: false };
export const OLAH: Variant = { rBeforeMatrix: true, zWeighsCandidate: true };

const sig = (v: number): number => 1 / (1 + Math.exp(-v));
const mv = (m: number[][], v: Vec): Vec => m.map((row) => row.reduce((s, w, k) => s + w * v[k], 0));
const mtv = (m: number[][], v: Vec): Vec => m[0].map((_, k) => m.reduce((s, row, r) => s + row[k] * v[r], 0));
const add = (...vs: Vec[]): Vec => vs[0].map((_, k) => vs.reduce((s, v) => s + v[k], 0));
const mul = (...vs: Vec[]): Vec => vs[0].map((_, k) => vs.reduce((s, v) => s * v[k], 1));

export interface VariantStep {
  hPrev: Vec;
  preR: Vec;
  preZ: Vec;
  preN: Vec;
  r: Vec;
  z: Vec;
  n: Vec;
  h: Vec;
}

/** A small amount added right after a number is computed: hᵗ[k] or the reset gate's
 * pre-activation r̄ᵗ[k]; central differences over it measure ∂L/∂hᵗ and δr̄ᵗ. */
export interface VariantNudge {
  at: "h" | "r";
  t: number;
  k: number;
  amount: number;
}

/** Forward over the sequence from h⁻¹ = 0; the loss is Σₜ ½‖hᵗ − dᵗ‖². */
export function forward(cs: GruVariantCase, v: Variant, nudge?: VariantNudge): { steps: VariantStep[]; loss: number } {
  const bump = (at: VariantNudge["at"], t: number) => (value: number, k: number) => value + (nudge?.at === at && nudge.t === t && nudge.k === k ? nudge.amount : 0);
  let h: Vec = new Array<number>(cs.b.r.length).fill(0);
  const steps: VariantStep[] = [];
  let loss = 0;
  cs.x.forEach((x, t) => {
    const preR = add(mv(cs.W.r, x), cs.b.r, mv(cs.U.r, h), cs.c.r).map(bump("r", t));
    const preZ = add(mv(cs.W.z, x), cs.b.z, mv(cs.U.z, h), cs.c.z);
    const [r, z] = [preR.map(sig), preZ.map(sig)];
    const hidden = v.rBeforeMatrix ? add(mv(cs.U.n, mul(r, h)), cs.c.n) : mul(r, add(mv(cs.U.n, h), cs.c.n));
    const preN = add(mv(cs.W.n, x), cs.b.n, hidden);
    const n = preN.map(Math.tanh);
    const keep = v.zWeighsCandidate ? z.map((s) => 1 - s) : z; // the weight of the old state
    const hNew = add(mul(keep, h), mul(keep.map((s) => 1 - s), n)).map(bump("h", t));
    steps.push({ hPrev: h, preR, preZ, preN, r, z, n, h: hNew });
    loss += hNew.reduce((s, value, k) => s + 0.5 * (value - cs.target[t][k]) ** 2, 0);
    h = hNew;
  });
  return { steps, loss };
}

/** Cho et al.'s variant backwards, route by route as its slide writes them. */
export function choBackward(cs: GruVariantCase) {
  const { steps } = forward(cs, CHO);
  const T = steps.length;
  const H = cs.b.r.length;
  const zero = (): Vec => new Array<number>(H).fill(0);
  const dh: Vec[] = [], dr: Vec[] = [], dz: Vec[] = [], dn: Vec[] = [], own: Vec[] = [];
  for (let t = T - 1; t >= 0; t--) {
    const s = steps[t];
    own[t] = s.h.map((value, k) => value - cs.target[t][k]);
    const next = steps[t + 1];
    // routes from step t+1: straight through z, and through U_z, U_n (after r) and U_r
    const fromNext = next
      ? add(mul(dh[t + 1], next.z), mtv(cs.U.z, dz[t + 1]), mul(next.r, mtv(cs.U.n, dn[t + 1])), mtv(cs.U.r, dr[t + 1]))
      : zero();
    dh[t] = add(own[t], fromNext);
    dn[t] = mul(dh[t], s.z.map((z) => 1 - z), s.n.map((n) => 1 - n * n));
    dz[t] = mul(dh[t], add(s.hPrev, s.n.map((n) => -n)), s.z.map((z) => z * (1 - z)));
    dr[t] = mul(mtv(cs.U.n, dn[t]), s.hPrev, s.r.map((r) => r * (1 - r)));
  }
  return { steps, dh, dr, dz, dn, own };
}

/** ∂L/∂hᵗ[k] (at "h") or δr̄ᵗ[k] (at "r") of a variant by central differences. */
export function numericDelta(cs: GruVariantCase, v: Variant, at: VariantNudge["at"], t: number, k: number, eps = 1e-5): number {
  return (forward(cs, v, { at, t, k, amount: eps }).loss - forward(cs, v, { at, t, k, amount: -eps }).loss) / (2 * eps);
}

/** A variant case from one of PyTorch's GRU case files (row blocks r, z, n). */
export function fromPyTorchCase(json: { params: { weight_ih: number[][]; weight_hh: number[][]; bias_ih: Vec; bias_hh: Vec }; x: Vec[]; loss: { target: Vec[] } }): GruVariantCase {
  const H = json.params.bias_ih.length / 3;
  const blocks = <T>(rows: T[]): Record<Gate, T[]> => ({ r: rows.slice(0, H), z: rows.slice(H, 2 * H), n: rows.slice(2 * H, 3 * H) });
  return { W: blocks(json.params.weight_ih), b: blocks(json.params.bias_ih), U: blocks(json.params.weight_hh), c: blocks(json.params.bias_hh), x: json.x, target: json.loss.target };
}
