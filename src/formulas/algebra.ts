// The values a formula is evaluated on: scalars, matrices (a vector is a column, its
// transpose a row), and three markers — ZERO (a delta past the last step: zero of any
// shape), IDENTITY (an empty product) and UNDEFINED (no such value at this step, so the
// formula is not checked there). The matrices are the gradient module's (src/grad's
// tensors: one matrix type, one product, one transpose); what is here is what a formula
// needs on top: broadcasting, markers, norms.
import { matMul, transpose as transposed, type Matrix } from "../grad/tensor.ts";

export type { Matrix };

export const ZERO = { marker: "zero" } as const;
export const IDENTITY = { marker: "identity" } as const;
export const UNDEFINED = { marker: "undefined" } as const;
export type Marker = typeof ZERO | typeof IDENTITY | typeof UNDEFINED;
export type Value = number | Matrix | Marker;

/** A value the checker cannot compute: the formula is wrong or unsupported there. */
export class ValueError extends Error {}

export function isMatrix(v: Value): v is Matrix {
  return typeof v === "object" && "rows" in v;
}

export function matrix(rows: number, cols: number, data: ArrayLike<number>): Matrix {
  return { rows, cols, data: Float64Array.from(data) };
}

/** Numbers from a case or an example record: a number, a vector (a column) or the rows of a
 * matrix (all of one length); null is "no value here". Anything else is a ValueError. */
export function fromNested(value: unknown): Value {
  if (value === undefined || value === null) return UNDEFINED;
  if (typeof value === "number") return Number.isFinite(value) ? value : notNumbers(value);
  if (!Array.isArray(value) || value.length === 0) return notNumbers(value);
  if (value.every((v) => typeof v === "number" && Number.isFinite(v))) return matrix(value.length, 1, value as number[]);
  const rows = value as unknown[];
  const width = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : -1;
  if (width > 0 && rows.every((r) => Array.isArray(r) && r.length === width && r.every((v) => typeof v === "number" && Number.isFinite(v)))) {
    return matrix(rows.length, width, (rows as number[][]).flat());
  }
  return notNumbers(value);
}

function notNumbers(value: unknown): never {
  throw new ValueError(`expected a number, a vector or a matrix (rows of one length), got ${JSON.stringify(value).slice(0, 60)}`);
}

export function shape(v: Value): string {
  if (typeof v === "number") return "a scalar";
  if (isMatrix(v)) return v.cols === 1 ? `a vector of ${v.rows}` : v.rows === 1 ? `a row of ${v.cols}` : `a ${v.rows}×${v.cols} matrix`;
  return v.marker;
}

/** A 1×1 matrix is a scalar. */
function scalarOf(v: Value): number | undefined {
  if (typeof v === "number") return v;
  if (isMatrix(v) && v.rows === 1 && v.cols === 1) return v.data[0];
  return undefined;
}

function map(v: Matrix, f: (x: number) => number): Matrix {
  return matrix(v.rows, v.cols, v.data.map(f));
}

/** Elementwise a ∘ b for same shapes, a scalar broadcast over the other side. */
function elementwise(a: Value, b: Value, f: (x: number, y: number) => number, what: string): Value {
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  if (sa !== undefined && sb !== undefined) return f(sa, sb);
  if (sa !== undefined && isMatrix(b)) return map(b, (y) => f(sa, y));
  if (sb !== undefined && isMatrix(a)) return map(a, (x) => f(x, sb));
  if (isMatrix(a) && isMatrix(b)) {
    if (a.rows !== b.rows || a.cols !== b.cols) throw new ValueError(`${what}: ${shape(a)} and ${shape(b)} do not match`);
    return matrix(a.rows, a.cols, a.data.map((x, k) => f(x, b.data[k])));
  }
  throw new ValueError(`${what}: ${shape(a)} and ${shape(b)}`);
}

export function add(a: Value, b: Value): Value {
  if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
  if (a === ZERO) return b;
  if (b === ZERO) return a;
  return elementwise(a, b, (x, y) => x + y, "+");
}

export function negate(a: Value): Value {
  if (typeof a === "number") return -a;
  if (isMatrix(a)) return map(a, (x) => -x);
  if (a === IDENTITY) throw new ValueError("− of an empty product");
  return a;
}

/** ⊙: elementwise product. A zero factor makes zero whatever the other is. */
export function hadamard(a: Value, b: Value): Value {
  if (a === ZERO || b === ZERO) return ZERO;
  if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
  if (a === IDENTITY || b === IDENTITY) throw new ValueError("⊙ with an empty product");
  return elementwise(a, b, (x, y) => x * y, "⊙");
}

/** Juxtaposition or \cdot: a matrix product, a scalar scaling, or (two vectors with \cdot)
 * a dot product. */
export function multiply(a: Value, b: Value, dot = false): Value {
  if (a === ZERO || b === ZERO) return ZERO;
  if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
  if (a === IDENTITY) return b;
  if (b === IDENTITY) return a;
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  if (sa !== undefined || sb !== undefined) return elementwise(a, b, (x, y) => x * y, "·");
  const [x, y] = [a as Matrix, b as Matrix];
  if (dot && x.cols === 1 && y.cols === 1 && x.rows === y.rows) return x.data.reduce((s, v, k) => s + v * y.data[k], 0);
  if (x.cols !== y.rows) throw new ValueError(`product: ${shape(x)} times ${shape(y)}`);
  return matMul(x, y);
}

export function transpose(a: Value): Value {
  return isMatrix(a) ? transposed(a) : a;
}

export function divide(a: Value, b: Value): Value {
  if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
  const sb = scalarOf(b);
  if (sb === undefined) throw new ValueError(`division by ${shape(b)}`);
  if (a === ZERO) return ZERO;
  return elementwise(a, sb, (x, y) => x / y, "/");
}

/** A power: of a scalar, or elementwise of a vector (the deck writes (hᵗ)² for hᵗ ⊙ hᵗ). */
export function power(a: Value, p: Value): Value {
  if (a === UNDEFINED || p === UNDEFINED) return UNDEFINED;
  const e = scalarOf(p);
  if (e === undefined) throw new ValueError(`an exponent must be a scalar, not ${shape(p)}`);
  if (a === ZERO) return ZERO;
  if (isMatrix(a) && a.cols !== 1 && a.rows !== 1) throw new ValueError(`a power of ${shape(a)} (only scalars and vectors, elementwise)`);
  return elementwise(a, e, (x, y) => x ** y, "^");
}

/** f on every number; of a zero or an empty product, whose shape is not known, nothing
 * can be said: the formula is not checked at that step. */
export function applyElementwise(a: Value, f: (x: number) => number): Value {
  if (typeof a === "number") return f(a);
  if (isMatrix(a)) return map(a, f);
  return UNDEFINED;
}

export function diag(a: Value): Value {
  if (a === UNDEFINED || a === IDENTITY) return UNDEFINED;
  if (a === ZERO) return ZERO;
  if (!isMatrix(a) || a.cols !== 1) throw new ValueError(`diag of ${shape(a)} (expects a vector)`);
  const n = a.rows;
  const out = new Float64Array(n * n);
  a.data.forEach((x, k) => (out[k * n + k] = x));
  return matrix(n, n, out);
}

/** ‖v‖ of a vector; of a matrix only when named: "F" (Frobenius) or "2" (spectral). */
export function norm(a: Value, kind: string): Value {
  if (a === UNDEFINED) return UNDEFINED;
  if (a === ZERO) return 0;
  if (a === IDENTITY) return kind === "2" ? 1 : UNDEFINED; // ‖I‖₂ = 1 whatever its size
  if (typeof a === "number") return Math.abs(a);
  if (!isMatrix(a)) throw new ValueError(`the norm of ${shape(a)}`);
  const frobenius = Math.sqrt(a.data.reduce((s, x) => s + x * x, 0));
  if (a.cols === 1 || a.rows === 1) return kind === "" || kind === "2" ? frobenius : kindError(kind);
  if (kind === "F") return frobenius;
  if (kind === "2") {
    // scaled to magnitude 1 first, so the rotations' stopping test means the same at any size
    const scale = Math.max(...a.data.map(Math.abs));
    if (scale === 0) return 0;
    const unit = map(a, (x) => x / scale);
    return scale * Math.sqrt(largestEigenvalue(multiply(transpose(unit), unit) as Matrix));
  }
  throw new ValueError(`the norm of ${shape(a)} needs a name: ‖·‖_2 (spectral) or ‖·‖_F (Frobenius)`);
}

function kindError(kind: string): never {
  throw new ValueError(`unknown norm ‖·‖_${kind} for a vector`);
}

/** The largest eigenvalue of a symmetric matrix (cyclic Jacobi rotations). */
function largestEigenvalue(s: Matrix): number {
  const n = s.rows;
  const a = [...s.data];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
      }
    }
  }
  return Math.max(...Array.from({ length: n }, (_, k) => a[k * n + k]));
}

export function scalarArgument(v: Value, what: string): number {
  if (v === ZERO) return 0;
  const s = scalarOf(v);
  if (s === undefined) throw new ValueError(`${what} of ${shape(v)} (expects scalars)`);
  return s;
}

/** The numbers of a value, for comparing and for showing (ZERO: none, compare as zeros). */
export function numbersOf(v: Value): number[] | undefined {
  if (typeof v === "number") return [v];
  if (isMatrix(v)) return Array.from(v.data);
  return undefined;
}

/** A value as JSON numbers: a scalar, a vector (a column or a row) as one array, a matrix
 * as its rows. */
export function nestedOf(v: Value): number | number[] | number[][] | undefined {
  if (typeof v === "number") return v;
  if (!isMatrix(v)) return undefined;
  if (v.cols === 1 || v.rows === 1) return v.data.length === 1 ? v.data[0] : Array.from(v.data);
  return Array.from({ length: v.rows }, (_, r) => Array.from(v.data.subarray(r * v.cols, (r + 1) * v.cols)));
}
