// Edge cases the property test may rarely hit: a single step, saturated gates, zero input,
// non-zero initial states, and inputs large enough to overflow a naive sigmoid.
import { describe, expect, it } from "vitest";
import { evaluateCase, parseCase, totalDerivative } from "../../src/grad/index.ts";
import { offsetDerivative } from "../support/reference-rnn.ts";
import { checkCase } from "../support/check-case.ts";
import { randomCase } from "../support/random-case.ts";

const cells = ["lstm", "gru", "rnn"] as const;

describe.each(cells)("%s", (cell) => {
  it("T = 1: gradients and deltas match finite differences", () => {
    checkCase(randomCase({ cell, loss: "mse", hidden: 3, input: 2, steps: 1, seed: 11 }));
    checkCase(randomCase({ cell, loss: "linear", hidden: 1, input: 1, steps: 1, seed: 12 }));
  });

  it("saturated gates (weights around ±6) still match finite differences", () => {
    const cs = randomCase({ cell, loss: "mse", hidden: 3, input: 2, steps: 5, seed: 21, scale: 6 });
    // Central differences carry ~1e-10 of round-off here (ε·|L|/step), hence atol 1e-9.
    const result = checkCase(cs, { rtol: 1e-5, atol: 1e-9 });
    if (cell !== "rnn") {
      // The point of the case: some gates really are saturated (σ within 1e-3 of 0 or 1).
      const g = result.gates!;
      const gateValues = (cell === "lstm" ? [g.i!, g.f!, g.o!] : [g.r!, g.z!]).flat(2);
      expect(gateValues.some((v) => v < 1e-3 || v > 1 - 1e-3)).toBe(true);
    } else {
      expect(result.h.flat().some((v) => Math.abs(v) > 1 - 1e-3)).toBe(true);
    }
  });

  it("zero input: input-weight gradients are exactly zero, the rest match finite differences", () => {
    const cs = randomCase({ cell, loss: "linear", hidden: 2, input: 3, steps: 4, seed: 31 });
    cs.x = cs.x.map((r) => r.map(() => 0));
    const result = checkCase(cs);
    // ∂L/∂W_ih = Σ_t δpre_t x_tᵀ, and every x_t is 0.
    expect(result.grads.weight_ih.flat().every((v) => v === 0)).toBe(true);
  });

  it("non-zero initial states: h0 (and c0) gradients match finite differences", () => {
    const cs = randomCase({ cell, loss: "mse", hidden: 4, input: 2, steps: 6, seed: 41, withInitialState: true });
    const result = checkCase(cs);
    expect(result.grads.h0.some((v) => v !== 0)).toBe(true);
  });

  it("huge pre-activations give finite numbers (no overflow in σ or tanh)", () => {
    const cs = randomCase({ cell, loss: "mse", hidden: 2, input: 2, steps: 3, seed: 51 });
    cs.x = [[800, -900], [-1000, 700], [1e4, -1e4]];
    const result = evaluateCase(parseCase(cs));
    const all = [result.loss, ...result.h.flat(), ...Object.values(result.grads).flat(2) as number[]];
    expect(all.every(Number.isFinite)).toBe(true);
  });
});

it("missing h0 and c0 default to zeros and still get gradients", () => {
  const cs = randomCase({ cell: "lstm", loss: "mse", hidden: 2, input: 2, steps: 3, seed: 61 });
  delete cs.h0;
  delete cs.c0;
  const implicit = evaluateCase(parseCase(cs));
  const explicit = evaluateCase(parseCase({ ...cs, h0: [0, 0], c0: [0, 0] }));
  expect(implicit).toEqual(explicit);
  expect(implicit.grads.h0).toHaveLength(2);
  expect(implicit.grads.c0).toHaveLength(2);
  // null says the same as leaving the field out
  expect(evaluateCase(parseCase({ ...cs, h0: null, c0: null }))).toEqual(implicit);
});

describe("totalDerivative: the module's own finite-difference witness for deltas", () => {
  it.each(cells)("%s: agrees with the independent reference's nudged differences", (cell) => {
    const cs = randomCase({ cell, loss: "mse", hidden: 2, input: 2, steps: 3, seed: 71, withInitialState: true });
    const parsed = parseCase(cs);
    const quantities = cell === "lstm" ? (["h", "c", "pre"] as const) : (["h", "pre"] as const);
    const blocks = { lstm: 4, gru: 3, rnn: 1 }[cell];
    for (const q of quantities) {
      for (let t = 0; t < 3; t++) {
        for (let k = 0; k < (q === "pre" ? blocks * 2 : 2); k++) {
          const ours = totalDerivative(parsed, q, t, k);
          const reference = offsetDerivative(cs, q, t, k);
          expect(Math.abs(ours - reference), `${q}[${t}][${k}]`).toBeLessThan(1e-8);
        }
      }
    }
  });
});

describe("gru", () => {
  it("H = 1 over T = 12: gradients and deltas match finite differences", () => {
    checkCase(randomCase({ cell: "gru", loss: "mse", hidden: 1, input: 2, steps: 12, seed: 81, withInitialState: true }));
  });

  it("a large hidden n-bias (b_hn = ±5): r's delta carries it, and bias_ih ≠ bias_hh in the n block", () => {
    const cs = randomCase({ cell: "gru", loss: "linear", hidden: 2, input: 2, steps: 4, seed: 82 });
    cs.params.bias_hh[4] = 5;
    cs.params.bias_hh[5] = -5;
    const result = checkCase(cs);
    // r and z enter both affine maps unchanged: their bias gradients agree; n's hidden part
    // is multiplied by r, so its two bias gradients differ.
    for (let k = 0; k < 4; k++) expect(result.grads.bias_ih[k]).toBeCloseTo(result.grads.bias_hh[k], 12);
    expect(Math.abs(result.grads.bias_ih[4] - result.grads.bias_hh[4])).toBeGreaterThan(1e-6);
  });
});
