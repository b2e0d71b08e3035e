// Known answers from sources independent of our code.
import { describe, expect, it } from "vitest";
import { evaluateCase, parseCase } from "../../src/grad/index.ts";
import { checkCase } from "../support/check-case.ts";
import type { CaseJson } from "../support/reference-rnn.ts";

describe("Aidan Gomez, 'Backpropogating an LSTM: A Numerical Example' (blog post, 17 Apr 2016)", () => {
  // The post's scalar LSTM (H = 1, I = 2, T = 2, labels 0.5 and 1.25, L = Σ ½(out − label)²)
  // written in the case format: its a/i/f/o weights become the g/i/f/o row blocks (PyTorch
  // order i, f, g, o), its single bias per gate becomes bias_ih (bias_hh = 0).
  const gomez: CaseJson = {
    cell: "lstm",
    params: {
      weight_ih: [[0.95, 0.8], [0.7, 0.45], [0.45, 0.25], [0.6, 0.4]],
      weight_hh: [[0.8], [0.1], [0.15], [0.25]],
      bias_ih: [0.65, 0.15, 0.2, 0.1],
      bias_hh: [0, 0, 0, 0],
    },
    x: [[1, 2], [0.5, 3]],
    loss: { kind: "mse", target: [[0.5], [1.25]] },
  };

  // The forward values as the post prints them, to 5 decimals. The post carries rounded
  // intermediates from step to step, so the last digit may differ by one: tolerance 1e-4.
  const published = {
    a: [0.81775, 0.8498],
    i: [0.96083, 0.98118],
    f: [0.85195, 0.8703],
    o: [0.81757, 0.84993],
    state: [0.78572, 1.51764],
    out: [0.53631, 0.77198],
  };

  it("reproduces the published forward pass", () => {
    const r = evaluateCase(parseCase(structuredClone(gomez)));
    const col = (m: number[][]): number[] => m.map((row) => row[0]);
    const close = (got: number[], want: number[]): void => got.forEach((g, t) => expect(g).toBeCloseTo(want[t], 4));
    close(col(r.gates!.g!), published.a);
    close(col(r.gates!.i!), published.i);
    close(col(r.gates!.f!), published.f);
    close(col(r.gates!.o!), published.o);
    close(col(r.c!), published.state);
    close(col(r.h), published.out);
    // The loss follows from the published outputs and labels alone.
    expect(r.loss).toBeCloseTo(0.5 * (0.53631 - 0.5) ** 2 + 0.5 * (0.77198 - 1.25) ** 2, 4);
  });

  it("its backward pass agrees with finite differences, every delta and gradient", () => {
    checkCase(structuredClone(gomez));
  });

  it("the first backward step follows the post's equations by hand", () => {
    const r = evaluateCase(parseCase(structuredClone(gomez)));
    const [out0, out1] = [r.h[0][0], r.h[1][0]];
    const [c0, c1] = [r.c![0][0], r.c![1][0]];
    const [i1, f1, a1, o1] = [r.gates!.i![1][0], r.gates!.f![1][0], r.gates!.g![1][0], r.gates!.o![1][0]];
    // Δout₁ = out₁ − label₁ (no later step); δstate₁ = Δout₁ ⊙ o₁ ⊙ (1 − tanh²(state₁)).
    const dOut1 = out1 - 1.25;
    const dState1 = dOut1 * o1 * (1 - Math.tanh(c1) ** 2);
    expect(r.deltas.h[1][0]).toBeCloseTo(dOut1, 12);
    expect(r.deltas.c![1][0]).toBeCloseTo(dState1, 12);
    // δâ = δstate ⊙ i ⊙ (1 − a²), δî = δstate ⊙ a ⊙ i(1 − i), δf̂ = δstate ⊙ state₀ ⊙ f(1 − f),
    // δô = Δout ⊙ tanh(state) ⊙ o(1 − o)
    expect(r.deltas.g![1][0]).toBeCloseTo(dState1 * i1 * (1 - a1 ** 2), 12);
    expect(r.deltas.i![1][0]).toBeCloseTo(dState1 * a1 * i1 * (1 - i1), 12);
    expect(r.deltas.f![1][0]).toBeCloseTo(dState1 * c0 * f1 * (1 - f1), 12);
    expect(r.deltas.o![1][0]).toBeCloseTo(dOut1 * Math.tanh(c1) * o1 * (1 - o1), 12);
    // Δout₀ = (out₀ − label₀) + Uᵀ δgates₁, with U the post's recurrent weights.
    const U = { i: 0.8, f: 0.1, a: 0.15, o: 0.25 };
    const recurrent = U.i * r.deltas.i![1][0] + U.f * r.deltas.f![1][0] + U.a * r.deltas.g![1][0] + U.o * r.deltas.o![1][0];
    expect(r.deltas.h[0][0]).toBeCloseTo(out0 - 0.5 + recurrent, 12);
  });
});

describe("a scalar RNN differentiated by hand", () => {
  // h₁ = tanh(w x₁ + u h₀ + b), h₂ = tanh(w x₂ + u h₁ + b), L = d₁h₁ + d₂h₂, b = b_ih + b_hh.
  const [w, u, bIh, bHh, x1, x2, h0, d1, d2] = [0.7, -0.4, 0.1, 0.05, 0.9, -1.3, 0.25, 1.5, -0.8];
  const b = bIh + bHh;
  const h1 = Math.tanh(w * x1 + u * h0 + b);
  const h2 = Math.tanh(w * x2 + u * h1 + b);
  const s1 = 1 - h1 * h1;
  const s2 = 1 - h2 * h2;
  // Chain rule, one term per route.
  const dLdh2 = d2;
  const dLdh1 = d1 + d2 * s2 * u;
  const expected = {
    loss: d1 * h1 + d2 * h2,
    dw: dLdh1 * s1 * x1 + dLdh2 * s2 * x2,
    du: dLdh1 * s1 * h0 + dLdh2 * s2 * h1,
    db: dLdh1 * s1 + dLdh2 * s2,
    dx1: dLdh1 * s1 * w,
    dx2: dLdh2 * s2 * w,
    dh0: dLdh1 * s1 * u,
  };

  it("matches the closed-form chain rule", () => {
    const r = evaluateCase(
      parseCase({
        cell: "rnn",
        params: { weight_ih: [[w]], weight_hh: [[u]], bias_ih: [bIh], bias_hh: [bHh] },
        x: [[x1], [x2]],
        h0: [h0],
        loss: { kind: "linear", dh: [[d1], [d2]] },
      }),
    );
    expect(r.loss).toBeCloseTo(expected.loss, 14);
    expect(r.grads.weight_ih[0][0]).toBeCloseTo(expected.dw, 14);
    expect(r.grads.weight_hh[0][0]).toBeCloseTo(expected.du, 14);
    expect(r.grads.bias_ih[0]).toBeCloseTo(expected.db, 14);
    expect(r.grads.bias_hh[0]).toBeCloseTo(expected.db, 14);
    expect(r.grads.x.map((row) => row[0])).toEqual([expect.closeTo(expected.dx1, 14), expect.closeTo(expected.dx2, 14)]);
    expect(r.grads.h0[0]).toBeCloseTo(expected.dh0, 14);
    expect(r.deltas.h.map((row) => row[0])).toEqual([expect.closeTo(dLdh1, 14), expect.closeTo(dLdh2, 14)]);
    expect(r.deltas.a!.map((row) => row[0])).toEqual([expect.closeTo(dLdh1 * s1, 14), expect.closeTo(dLdh2 * s2, 14)]);
  });
});

describe("the GRU worked example of the 'GRU Cell' exercise (click4ai.perfionixai.com/problems/gru-cell)", () => {
  // The exercise's cell writes h' = (1 − z) ⊙ h + z ⊙ ĥ with ĥ = tanh(W_h [x; r ⊙ h]);
  // PyTorch's (ours) writes h' = (1 − z) ⊙ n + z ⊙ h. With h = 0 both reduce to the same
  // candidate, and PyTorch's z is the exercise's 1 − z: its update weights negated (σ(−a) =
  // 1 − σ(a)). Its printed values, to 3 decimals: z = [0.599, 0.587], r = [0.599, 0.611],
  // ĥ = [0.500, 0.337], h' = [0.300, 0.198], for x = [1.0, 0.5], h = [0, 0], no biases. Some
  // are cut rather than rounded (tanh(0.55) = 0.50052 is printed 0.500): tolerance 1e-3.
  it("gives the exercise's gates and state", () => {
    const zIn = [[0.3, 0.2], [0.1, 0.5]];
    const zHid = [[0.1, 0.4], [0.3, 0.2]];
    const r = evaluateCase(
      parseCase({
        cell: "gru",
        params: {
          weight_ih: [[0.2, 0.4], [0.4, 0.1], ...zIn.map((row) => row.map((v) => -v)), [0.5, 0.1], [0.2, 0.3]],
          weight_hh: [[0.3, 0.1], [0.2, 0.3], ...zHid.map((row) => row.map((v) => -v)), [0.2, 0.3], [0.4, 0.1]],
          bias_ih: [0, 0, 0, 0, 0, 0],
          bias_hh: [0, 0, 0, 0, 0, 0],
        },
        x: [[1.0, 0.5]],
        loss: { kind: "linear", dh: [[1, 1]] },
      }),
    );
    const within = (ours: number[], printed: number[]): void => ours.forEach((v, k) => expect(Math.abs(v - printed[k]), `${v} vs ${printed[k]}`).toBeLessThanOrEqual(1e-3));
    within(r.gates!.z![0].map((z) => 1 - z), [0.599, 0.587]);
    within(r.gates!.r![0], [0.599, 0.611]);
    within(r.gates!.n![0], [0.5, 0.337]);
    within(r.h[0], [0.3, 0.198]);
  });
});

describe("a scalar GRU differentiated by hand (PyTorch's nn.GRU equations)", () => {
  // r = σ(a_r), z = σ(a_z), n = tanh(a_n) with a_r = w_r x + u_r h₀ + b_ir + b_hr,
  // a_z likewise, a_n = w_n x + b_in + r (u_n h₀ + b_hn); h₁ = (1 − z) n + z h₀; L = d h₁.
  const [wr, wz, wn, ur, uz, un] = [0.6, -0.3, 0.9, 0.4, 0.7, -0.5];
  const [bir, biz, bin, bhr, bhz, bhn] = [0.1, -0.2, 0.05, 0.15, 0.3, -0.25];
  const [x, h0, d] = [0.8, -0.35, 1.7];
  const sig = (v: number): number => 1 / (1 + Math.exp(-v));
  const r = sig(wr * x + bir + ur * h0 + bhr);
  const z = sig(wz * x + biz + uz * h0 + bhz);
  const hidN = un * h0 + bhn;
  const n = Math.tanh(wn * x + bin + r * hidN);
  const h1 = (1 - z) * n + z * h0;
  // one route each: through n (its tanh), through z (its σ), through r (inside n)
  const dn = d * (1 - z) * (1 - n * n);
  const dz = d * (h0 - n) * z * (1 - z);
  const dr = dn * hidN * r * (1 - r);

  it("matches the closed-form chain rule", () => {
    const res = evaluateCase(
      parseCase({
        cell: "gru",
        params: { weight_ih: [[wr], [wz], [wn]], weight_hh: [[ur], [uz], [un]], bias_ih: [bir, biz, bin], bias_hh: [bhr, bhz, bhn] },
        x: [[x]],
        h0: [h0],
        loss: { kind: "linear", dh: [[d]] },
      }),
    );
    expect(res.loss).toBeCloseTo(d * h1, 14);
    expect([res.deltas.r![0][0], res.deltas.z![0][0], res.deltas.n![0][0]]).toEqual([expect.closeTo(dr, 14), expect.closeTo(dz, 14), expect.closeTo(dn, 14)]);
    expect(res.grads.bias_ih).toEqual([expect.closeTo(dr, 14), expect.closeTo(dz, 14), expect.closeTo(dn, 14)]);
    // b_hn sits inside r ⊙ (…): its gradient is r times n's delta
    expect(res.grads.bias_hh).toEqual([expect.closeTo(dr, 14), expect.closeTo(dz, 14), expect.closeTo(dn * r, 14)]);
    expect(res.grads.weight_ih.map((row) => row[0])).toEqual([expect.closeTo(dr * x, 14), expect.closeTo(dz * x, 14), expect.closeTo(dn * x, 14)]);
    expect(res.grads.weight_hh.map((row) => row[0])).toEqual([expect.closeTo(dr * h0, 14), expect.closeTo(dz * h0, 14), expect.closeTo(dn * r * h0, 14)]);
    expect(res.grads.x[0][0]).toBeCloseTo(wr * dr + wz * dz + wn * dn, 14);
    // four routes back to h₀: straight through z h₀, and through r, z and n's hidden parts
    expect(res.grads.h0[0]).toBeCloseTo(d * z + ur * dr + uz * dz + un * r * dn, 14);
  });
});
