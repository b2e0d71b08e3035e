// What the gradient property test runs, written once: test/grad/gradients.property.test.ts
// runs it, and the verification slide (slides/07-verification.md) states it from here, so the
// slide cannot claim more than the suite checks. It lives with the slides so that the deck
// (slides/ and src/) builds on its own.

/** Every cell with every loss. */
export const PROPERTY_PAIRS = [
  ["lstm", "linear"],
  ["lstm", "mse"],
  ["gru", "linear"],
  ["gru", "mse"],
  ["rnn", "linear"],
  ["rnn", "mse"],
] as const;

/** Random cases per pair (fast-check's numRuns). */
export const PROPERTY_RUNS = 25;

/** The ranges the random sizes are drawn from, inclusive. */
export const PROPERTY_SIZES = {
  hidden: { min: 1, max: 8 },
  input: { min: 1, max: 5 },
  steps: { min: 1, max: 12 },
} as const;

/** Cases the suite checks in all. */
export const PROPERTY_CASES = PROPERTY_PAIRS.length * PROPERTY_RUNS;
