// Finite-difference gradient checking: the independent witness that tests and slides use
// to show a backpropagated number is right.

/** Central-difference gradient of f with respect to every entry of `x`:
 *  (f(x + εe_k) − f(x − εe_k)) / 2ε. `x` is perturbed in place and restored. */
export function numericGradient(f: () => number, x: Float64Array, step = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const saved = x[k];
    x[k] = saved + step;
    const plus = f();
    x[k] = saved - step;
    const minus = f();
    x[k] = saved;
    grad[k] = (plus - minus) / (2 * step);
  }
  return grad;
}

/** |a − b| / max(|a|, |b|), and 0 when both are exactly 0. `floor` keeps the ratio finite
 * for values that are both tiny: the denominator is never below it. */
export function relError(a: number, b: number, floor = 1e-12): number {
  const diff = Math.abs(a - b);
  if (diff === 0) return 0;
  return diff / Math.max(Math.abs(a), Math.abs(b), floor);
}

/** The largest relError over two equally long arrays, with where it occurs. */
export function maxRelError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  floor = 1e-12,
): { error: number; index: number } {
  if (a.length !== b.length) throw new RangeError(`maxRelError: lengths differ (${a.length} vs ${b.length})`);
  let error = 0;
  let index = -1;
  for (let k = 0; k < a.length; k++) {
    const e = relError(a[k], b[k], floor);
    if (e > error) {
      error = e;
      index = k;
    }
  }
  return { error, index };
}

export interface GradCheckResult {
  /** Largest relative error between analytic and numeric gradient. */
  maxRelError: number;
  /** Largest absolute difference. */
  maxAbsError: number;
  numeric: Float64Array;
}

/** Compares an analytic gradient of f with respect to `x` against central differences.
 * `floor` is the denominator floor of the relative error (see relError). */
export function gradCheck(
  f: () => number,
  x: Float64Array,
  analytic: ArrayLike<number>,
  options: { step?: number; floor?: number } = {},
): GradCheckResult {
  const numeric = numericGradient(f, x, options.step);
  let maxAbsError = 0;
  for (let k = 0; k < numeric.length; k++) maxAbsError = Math.max(maxAbsError, Math.abs(numeric[k] - analytic[k]));
  return { maxRelError: maxRelError(analytic, numeric, options.floor).error, maxAbsError, numeric };
}
