// "New numbers": a case drawn like another from a seed, so that a student can practise the
// same derivation on fresh numbers and a teacher can say "everyone use seed 42". The drawn
// case keeps the template's cell, sizes, loss kind and its zeros (a bias the template leaves
// at zero stays zero); every other number of the parameters, the inputs, the initial states
// and the loss is a multiple of 0.1 in [−0.9, 0.9], never 0 — numbers a hand can work with.
//
// The draw is exact and the same on every machine: a 32-bit generator (mulberry32, integer
// arithmetic only) picks k in 1…9 and a sign, and the number is k/10, in the order the
// numbers appear in the case (params.weight_ih, weight_hh, bias_ih, bias_hh row by row, then
// x, h0, c0, the loss's dh or target). `npm run grad -- --seed N --print-case CASE.json`
// prints the drawn case.

/** Seeds a student can type: whole numbers from 1 to MAX_SEED. */
export const MAX_SEED = 999_999;

/** mulberry32: a small, well-spread 32-bit generator; the next value in [0, 2³²). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The parts of a case that are drawn, in drawing order. */
const DRAWN: readonly (readonly string[])[] = [["params", "weight_ih"], ["params", "weight_hh"], ["params", "bias_ih"], ["params", "bias_hh"], ["x"], ["h0"], ["c0"], ["loss", "dh"], ["loss", "target"]];

export function isSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 1 && seed <= MAX_SEED;
}

/** A copy of `template` (a case as JSON) with its numbers drawn from `seed` (1 … MAX_SEED).
 * Other fields are kept as they are; validate the result with parseCase. */
export function drawCase(template: unknown, seed: number): unknown {
  if (!isSeed(seed)) throw new RangeError(`a seed is a whole number from 1 to ${MAX_SEED}, not ${seed}`);
  const next = mulberry32(seed);
  const draw = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(draw);
    if (typeof value !== "number" || value === 0) return value;
    const r = next();
    const k = 1 + (r % 9);
    return ((r >>> 16) & 1 ? -k : k) / 10;
  };
  const copy = JSON.parse(JSON.stringify(template)) as unknown;
  for (const path of DRAWN) {
    let holder: unknown = copy;
    for (const key of path.slice(0, -1)) holder = isObject(holder) ? holder[key] : undefined;
    const last = path[path.length - 1];
    if (isObject(holder) && last in holder) holder[last] = draw(holder[last]);
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
