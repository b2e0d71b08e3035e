// Dense float64 matrices and the few kernels the cells need, written as plain loops over
// Float64Array so the hot paths allocate nothing per element.

/** A row-major matrix: element (r, c) lives at `data[r * cols + c]`. A sequence of T
 * vectors of size H is a T×H matrix whose row t is the vector at time t. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Builds a matrix from nested arrays; every row must have `cols` entries. */
export function fromRows(values: readonly (readonly number[])[], cols = values[0]?.length ?? 0): Matrix {
  const m = zeros(values.length, cols);
  values.forEach((row, r) => m.data.set(row, r * cols));
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(row(m, r)));
  return out;
}

/** Row r as a view (no copy). */
export function row(m: Matrix, r: number): Float64Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

export function cloneMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

/** A·B, with A of shape rows×k and B of shape k×cols. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const out = zeros(a.rows, b.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let k = 0; k < a.cols; k++) {
      const ark = a.data[r * a.cols + k];
      for (let c = 0; c < b.cols; c++) out.data[r * b.cols + c] += ark * b.data[k * b.cols + c];
    }
  }
  return out;
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  const out = zeros(a.cols, a.rows);
  for (let r = 0; r < a.rows; r++) for (let c = 0; c < a.cols; c++) out.data[c * a.rows + r] = a.data[r * a.cols + c];
  return out;
}

/** y += A·x, with A of shape rows×cols, x of length cols, y of length rows. */
export function addMatVec(a: Matrix, x: Float64Array, y: Float64Array): void {
  const { rows, cols, data } = a;
  const even = cols - (cols % 4);
  for (let r = 0; r < rows; r++) {
    // four running sums: a product's add need not wait for the one before it
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const base = r * cols;
    let c = 0;
    for (; c < even; c += 4) {
      s0 += data[base + c] * x[c];
      s1 += data[base + c + 1] * x[c + 1];
      s2 += data[base + c + 2] * x[c + 2];
      s3 += data[base + c + 3] * x[c + 3];
    }
    for (; c < cols; c++) s0 += data[base + c] * x[c];
    y[r] += s0 + s1 + (s2 + s3);
  }
}

/** y += Aᵀ·v, with A of shape rows×cols, v of length rows, y of length cols. */
export function addMatTVec(a: Matrix, v: Float64Array, y: Float64Array): void {
  const { rows, cols, data } = a;
  for (let r = 0; r < rows; r++) {
    const vr = v[r];
    if (vr === 0) continue;
    const base = r * cols;
    for (let c = 0; c < cols; c++) y[c] += data[base + c] * vr;
  }
}

/** A += u ⊗ v (outer product), with u of length rows and v of length cols. */
export function addOuter(a: Matrix, u: Float64Array, v: Float64Array): void {
  const { rows, cols, data } = a;
  for (let r = 0; r < rows; r++) {
    const ur = u[r];
    if (ur === 0) continue;
    const base = r * cols;
    for (let c = 0; c < cols; c++) data[base + c] += ur * v[c];
  }
}

/** y += x, elementwise. */
export function addInto(y: Float64Array, x: Float64Array): void {
  for (let k = 0; k < y.length; k++) y[k] += x[k];
}

/** Logistic sigmoid, written so that neither branch can overflow exp(). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
