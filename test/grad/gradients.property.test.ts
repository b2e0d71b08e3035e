// Property: for random sizes (H 1–8, I 1–5, T 1–12), every cell (LSTM, GRU, RNN) and both losses, every
// gradient and every delta src/grad reports agrees with central finite differences of an
// independent reference forward pass.
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCase } from "../support/check-case.ts";
import { randomCase } from "../support/random-case.ts";

const shapes = fc.record({
  hidden: fc.integer({ min: 1, max: 8 }),
  input: fc.integer({ min: 1, max: 5 }),
  steps: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  withInitialState: fc.boolean(),
});

describe.each([
  ["lstm", "linear"],
  ["lstm", "mse"],
  ["gru", "linear"],
  ["gru", "mse"],
  ["rnn", "linear"],
  ["rnn", "mse"],
] as const)("%s cell, %s loss", (cell, loss) => {
  it("every gradient and delta matches central finite differences", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        checkCase(randomCase({ ...shape, cell, loss }));
      }),
      { numRuns: 25 },
    );
  });
});
