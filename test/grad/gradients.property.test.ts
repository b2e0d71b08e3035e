// Property: for random sizes, every cell (LSTM, GRU, RNN) and both losses, every gradient
// and every delta src/grad reports agrees with central finite differences of an independent
// reference forward pass. What is run (pairs, cases per pair, size ranges) is in
// slides/lib/property-settings.ts, which the verification slide quotes.
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkCase } from "../support/check-case.ts";
import { randomCase } from "../support/random-case.ts";
import { PROPERTY_PAIRS, PROPERTY_RUNS, PROPERTY_SIZES } from "../../slides/lib/property-settings.ts";

const shapes = fc.record({
  hidden: fc.integer(PROPERTY_SIZES.hidden),
  input: fc.integer(PROPERTY_SIZES.input),
  steps: fc.integer(PROPERTY_SIZES.steps),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  withInitialState: fc.boolean(),
});

describe.each(PROPERTY_PAIRS)("%s cell, %s loss", (cell, loss) => {
  it("every gradient and delta matches central finite differences", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        checkCase(randomCase({ ...shape, cell, loss }));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
