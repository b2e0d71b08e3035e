// Case files (docs/DESIGN.md, "Contract: the gradient module's case files and CLI"): parsing and
// validation. Every problem is one CaseError naming the field path, what was expected and
// what was found, e.g. `params.weight_ih: expected 8 rows of 3, got 8 rows of 2`.
import type { CellParams } from "./affine.ts";
import { GRU_GATES } from "./gru.ts";
import { LSTM_GATES } from "./lstm.ts";
import type { Loss } from "./loss.ts";
import { fromRows, type Matrix } from "./tensor.ts";

export type CellKind = "lstm" | "gru" | "rnn";

/** Row blocks of each cell's parameters (LSTM i, f, g, o; GRU r, z, n; RNN one). */
export const GATE_BLOCKS: Readonly<Record<CellKind, number>> = { lstm: LSTM_GATES, gru: GRU_GATES, rnn: 1 };

/** A validated case: shapes agree, every number is finite. */
export interface Case {
  readonly cell: CellKind;
  readonly params: CellParams;
  /** [T][I] */
  readonly x: Matrix;
  /** [H]; zeros when the file has none. */
  readonly h0: Float64Array;
  /** [H] for an LSTM (zeros when the file has none); empty for an RNN. */
  readonly c0: Float64Array;
  readonly loss: Loss;
  readonly sizes: { readonly steps: number; readonly inputSize: number; readonly hiddenSize: number };
}

export class CaseError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = "CaseError";
  }
}

const PARAM_FIELDS = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const;

/** Validates a parsed JSON value as a case; throws CaseError on the first problem. Top-level
 * fields beyond the contract (e.g. "name", "description") are left for the author. */
export function parseCase(value: unknown): Case {
  const root = expectObject(value, "case");
  const cell = root.cell;
  if (cell !== "lstm" && cell !== "gru" && cell !== "rnn") {
    throw new CaseError("cell", `expected "lstm", "gru" or "rnn", got ${describe(cell)}`);
  }
  const gateBlocks = GATE_BLOCKS[cell];

  const params = expectObject(root.params, "params");
  for (const key of Object.keys(params)) {
    if (!(PARAM_FIELDS as readonly string[]).includes(key)) {
      throw new CaseError(`params.${key}`, `unknown field (expected ${PARAM_FIELDS.join(", ")})`);
    }
  }

  // x fixes T and I; weight_hh fixes H (its rows are G·H, its columns H).
  const { steps, inputSize } = sequenceShape(root.x, "x");
  const hiddenSize = hiddenSizeOf(params.weight_hh, gateBlocks, cell);
  const rowsG = gateBlocks * hiddenSize;

  const weightHh = readMatrix(params.weight_hh, "params.weight_hh", rowsG, hiddenSize);
  const weightIh = readMatrix(params.weight_ih, "params.weight_ih", rowsG, inputSize);
  const biasIh = readVector(params.bias_ih, "params.bias_ih", rowsG);
  const biasHh = readVector(params.bias_hh, "params.bias_hh", rowsG);
  const x = readMatrix(root.x, "x", steps, inputSize);

  // An optional state that is absent or null starts at zeros.
  const absent = (v: unknown): boolean => v === undefined || v === null;
  const h0 = absent(root.h0) ? new Float64Array(hiddenSize) : readVector(root.h0, "h0", hiddenSize);
  let c0: Float64Array = new Float64Array(0);
  if (cell === "lstm") {
    c0 = absent(root.c0) ? new Float64Array(hiddenSize) : readVector(root.c0, "c0", hiddenSize);
  } else if (!absent(root.c0)) {
    throw new CaseError("c0", `only an LSTM has a cell state, but cell is "${cell}"`);
  }

  const loss = readLoss(root.loss, steps, hiddenSize);
  return {
    cell,
    params: { weightIh, weightHh, biasIh, biasHh },
    x,
    h0,
    c0,
    loss,
    sizes: { steps, inputSize, hiddenSize },
  };
}

function readLoss(value: unknown, steps: number, hiddenSize: number): Loss {
  const loss = expectObject(value, "loss");
  const allowed = loss.kind === "linear" ? ["kind", "dh"] : ["kind", "target"];
  if (loss.kind !== "linear" && loss.kind !== "mse") {
    throw new CaseError("loss.kind", `expected "linear" or "mse", got ${describe(loss.kind)}`);
  }
  for (const key of Object.keys(loss)) {
    if (!allowed.includes(key)) {
      throw new CaseError(`loss.${key}`, `unknown field for a ${loss.kind} loss (expected ${allowed.join(", ")})`);
    }
  }
  if (loss.kind === "linear") return { kind: "linear", dh: readMatrix(loss.dh, "loss.dh", steps, hiddenSize) };
  return { kind: "mse", target: readMatrix(loss.target, "loss.target", steps, hiddenSize) };
}

function sequenceShape(value: unknown, path: string): { steps: number; inputSize: number } {
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0])) {
    throw new CaseError(path, `expected [T][I] numbers with T ≥ 1, got ${describe(value)}`);
  }
  const inputSize = (value[0] as unknown[]).length;
  if (inputSize === 0) throw new CaseError(`${path}[0]`, "expected at least one number, got an empty array");
  return { steps: value.length, inputSize };
}

/** H from weight_hh, which is G·H rows of H numbers: from its row count when that divides
 * by G, else from its rows' width (so the message can say how many rows were expected). */
function hiddenSizeOf(value: unknown, gateBlocks: number, cell: CellKind): number {
  const path = "params.weight_hh";
  const rowsWord = gateBlocks === 1 ? "H rows" : `${gateBlocks}·H rows`;
  if (value === undefined) throw new CaseError(path, `missing (expected ${rowsWord} of H numbers)`);
  if (!Array.isArray(value) || value.length === 0) {
    throw new CaseError(path, `expected ${rowsWord} of H numbers (H ≥ 1), got ${describe(value)}`);
  }
  if (value.length % gateBlocks !== 0) {
    const widths = new Set(value.map((r) => (Array.isArray(r) ? r.length : -1)));
    const width = widths.size === 1 ? [...widths][0] : -1;
    if (width > 0) throw new CaseError(path, `expected ${gateBlocks * width} rows of ${width}, got ${value.length} rows of ${width}`);
    throw new CaseError(path, `expected ${rowsWord} of H numbers for ${cell === "lstm" ? "an" : "a"} ${cell.toUpperCase()}, got ${value.length} rows`);
  }
  return value.length / gateBlocks;
}

function readMatrix(value: unknown, path: string, rows: number, cols: number): Matrix {
  const expected = `expected ${rows} rows of ${cols}`;
  if (value === undefined) throw new CaseError(path, `missing (${expected})`);
  if (!Array.isArray(value) || !value.every(Array.isArray)) {
    throw new CaseError(path, `${expected}, got ${describe(value)}`);
  }
  const rowsIn = value as unknown[][];
  const lengths = rowsIn.map((r) => r.length);
  const uniform = lengths.every((n) => n === lengths[0]);
  if (rowsIn.length !== rows) {
    const got = uniform ? `${rowsIn.length} rows of ${lengths[0] ?? 0}` : `${rowsIn.length} rows of uneven length`;
    throw new CaseError(path, `${expected}, got ${got}`);
  }
  if (uniform && lengths[0] !== cols) {
    throw new CaseError(path, `${expected}, got ${rows} rows of ${lengths[0]}`);
  }
  rowsIn.forEach((r, i) => {
    if (r.length !== cols) throw new CaseError(`${path}[${i}]`, `expected ${cols} numbers, got ${r.length}`);
    r.forEach((v, j) => expectFinite(v, `${path}[${i}][${j}]`));
  });
  return fromRows(rowsIn as number[][], cols);
}

function readVector(value: unknown, path: string, length: number): Float64Array {
  if (value === undefined) throw new CaseError(path, `missing (expected ${length} numbers)`);
  if (!Array.isArray(value) || value.some(Array.isArray)) {
    throw new CaseError(path, `expected ${length} numbers, got ${describe(value)}`);
  }
  if (value.length !== length) throw new CaseError(path, `expected ${length} numbers, got ${value.length}`);
  value.forEach((v, i) => expectFinite(v, `${path}[${i}]`));
  return Float64Array.from(value as number[]);
}

function expectFinite(value: unknown, path: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CaseError(path, `not a finite number (got ${describe(value)})`);
  }
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) throw new CaseError(path, "missing (expected an object)");
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CaseError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A short, human description of a JSON value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) {
    if (value.length === 0) return "an empty array";
    if (value.every(Array.isArray)) return value.length === 1 ? "1 row" : `${value.length} rows`;
    if (value.some(Array.isArray)) return `an array mixing rows and values`;
    return `an array of ${value.length} values`;
  }
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
