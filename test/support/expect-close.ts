// Closeness of an analytic value to an independent one, with a message that says where.
import { expect } from "vitest";

/** |actual − expected| ≤ rtol·max(|actual|, |expected|) + atol, for every entry. */
export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  where: string,
  { rtol = 1e-5, atol = 1e-8 }: { rtol?: number; atol?: number } = {},
): void {
  expect(actual.length, `${where}: length`).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k];
    const e = expected[k];
    const bound = rtol * Math.max(Math.abs(a), Math.abs(e)) + atol;
    if (!(Math.abs(a - e) <= bound)) {
      expect.fail(`${where}[${k}]: got ${a}, expected ${e} (|diff| ${Math.abs(a - e)} > ${bound})`);
    }
  }
}
