// Benchmark of src/grad: forward + backward through time for an LSTM and a GRU, median of
// several runs.
import { evaluateLoss, fromRows, GRU_GATES, gruBackward, gruForward, lstmBackward, lstmForward, LSTM_GATES, type CellParams, type Matrix } from "../../src/grad/index.ts";
import { median, type BenchRow } from "./report.ts";

/** A deterministic pseudo-random generator (LCG); benchmarks need repeatable inputs only. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function benchCase(blocks: number, inputSize: number, hiddenSize: number, steps: number) {
  const rand = lcg(inputSize * 1000 + hiddenSize + blocks);
  const mat = (r: number, c: number, s: number) => fromRows(Array.from({ length: r }, () => Array.from({ length: c }, () => rand() * s)));
  const vec = (n: number) => Float64Array.from({ length: n }, () => rand() * 0.2);
  const rows = blocks * hiddenSize;
  const params: CellParams = {
    weightIh: mat(rows, inputSize, 2 / Math.sqrt(inputSize)),
    weightHh: mat(rows, hiddenSize, 2 / Math.sqrt(hiddenSize)),
    biasIh: vec(rows),
    biasHh: vec(rows),
  };
  return { params, x: mat(steps, inputSize, 2), target: mat(steps, hiddenSize, 1), h0: new Float64Array(hiddenSize), c0: new Float64Array(hiddenSize) };
}

type Cell = "lstm" | "gru";

/** One forward and backward pass; returns a number so the work cannot be optimised away. */
function passOf(cell: Cell, c: ReturnType<typeof benchCase>): () => number {
  const loss = (h: Matrix) => evaluateLoss({ kind: "mse", target: c.target }, h).dh;
  if (cell === "lstm") {
    return () => {
      const { out, cache } = lstmForward(c.params, c.x, c.h0, c.c0);
      return lstmBackward(loss(out.h), cache).grads.h0[0];
    };
  }
  return () => {
    const { out, cache } = gruForward(c.params, c.x, c.h0);
    return gruBackward(loss(out.h), cache).grads.h0[0];
  };
}

function timeCell(cell: Cell, inputSize: number, hiddenSize: number, steps: number, runs: number): number {
  const once = passOf(cell, benchCase(cell === "lstm" ? LSTM_GATES : GRU_GATES, inputSize, hiddenSize, steps));
  for (let k = 0; k < Math.min(runs, 20); k++) once(); // warm up the JIT
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    once();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function benchGrad(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [cell, I, H, T, runs] of [
    ["lstm", 64, 128, 100, 31],
    ["gru", 64, 128, 100, 31],
    ["lstm", 2, 2, 3, 2001],
  ] as const) {
    const ms = timeCell(cell, I, H, T, runs);
    // Multiply-adds per step: forward W·[x;h] once, backward the two outer products and
    // the two transposed products: 3 × G·H(I+H), 2 flops each.
    const blocks = cell === "lstm" ? LSTM_GATES : GRU_GATES;
    const flops = 3 * 2 * blocks * H * (I + H) * T;
    rows.push({
      name: `grad: ${cell.toUpperCase()} I=${I} H=${H} T=${T}, forward+backward`,
      value: ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`,
      detail: `median of ${runs}; ${(flops / (ms / 1000) / 1e9).toFixed(2)} GFLOP/s`,
    });
  }
  return rows;
}
