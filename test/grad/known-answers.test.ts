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
    close(col(r.gates!.g), published.a);
    close(col(r.gates!.i), published.i);
    close(col(r.gates!.f), published.f);
    close(col(r.gates!.o), published.o);
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
    const [i1, f1, a1, o1] = [r.gates!.i[1][0], r.gates!.f[1][0], r.gates!.g[1][0], r.gates!.o[1][0]];
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
