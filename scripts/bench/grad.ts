// Benchmark of src/grad: forward + backward through time for an LSTM, median of several runs.
import { evaluateLoss, fromRows, lstmBackward, lstmForward, LSTM_GATES, type CellParams } from "../../src/grad/index.ts";
import { median, type BenchRow } from "./report.ts";

/** A deterministic pseudo-random generator (LCG); benchmarks need repeatable inputs only. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function lstmCase(inputSize: number, hiddenSize: number, steps: number) {
  const rand = lcg(inputSize * 1000 + hiddenSize);
  const mat = (r: number, c: number, s: number) => fromRows(Array.from({ length: r }, () => Array.from({ length: c }, () => rand() * s)));
  const vec = (n: number) => Float64Array.from({ length: n }, () => rand() * 0.2);
  const rows = LSTM_GATES * hiddenSize;
  const params: CellParams = {
    weightIh: mat(rows, inputSize, 2 / Math.sqrt(inputSize)),
    weightHh: mat(rows, hiddenSize, 2 / Math.sqrt(hiddenSize)),
    biasIh: vec(rows),
    biasHh: vec(rows),
  };
  return { params, x: mat(steps, inputSize, 2), target: mat(steps, hiddenSize, 1), h0: new Float64Array(hiddenSize), c0: new Float64Array(hiddenSize) };
}

function timeLstm(inputSize: number, hiddenSize: number, steps: number, runs: number): number {
  const c = lstmCase(inputSize, hiddenSize, steps);
  const once = () => {
    const { out, cache } = lstmForward(c.params, c.x, c.h0, c.c0);
    const loss = evaluateLoss({ kind: "mse", target: c.target }, out.h);
    return lstmBackward(loss.dh, cache).grads.h0[0];
  };
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
  for (const [I, H, T, runs] of [
    [64, 128, 100, 31],
    [2, 2, 3, 2001],
  ] as const) {
    const ms = timeLstm(I, H, T, runs);
    // Multiply-adds per step: forward W·[x;h] once, backward the two outer products and
    // the two transposed products: 3 × 4H(I+H), 2 flops each.
    const flops = 3 * 2 * LSTM_GATES * H * (I + H) * T;
    rows.push({
      name: `grad: LSTM I=${I} H=${H} T=${T}, forward+backward`,
      value: ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`,
      detail: `median of ${runs}; ${(flops / (ms / 1000) / 1e9).toFixed(2)} GFLOP/s`,
    });
  }
  return rows;
}
