// A number blank's tolerance: one in the last decimal asked for, 10⁻ᵈ. Shared by the
// compiler (the blank's data-exercise-tolerance, its build errors) and the browser (its
// verdicts, new numbers that ask for more decimals).

/** 10⁻ᵈ exactly as the decimal it is: `10 ** -5` is 0.000009999999999999999. */
export function toleranceOf(decimals: number): number {
  return Number(`1e-${decimals}`);
}

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 10⁻ᵈ as a reader reads it: a decimal while it is short (0.001), else a power of ten
 * (10⁻⁷), never JavaScript's 1e-7. */
export function toleranceText(decimals: number): string {
  if (decimals <= 4) return toleranceOf(decimals).toFixed(decimals);
  return `10⁻${[...String(decimals)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join("")}`;
}
