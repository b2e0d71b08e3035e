// Data for the truncated-BPTT table: δW_hh of an RNN with a loss on its last step, computed
// by src/grad over the whole sequence and over its last k steps only (the state before them
// taken as a constant initial state).
import { evaluateCase, parseCase } from "@grad";

/** A small deterministic generator, so the table is the same on every build. */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
}

const H = 8;
const I = 4;
const T = 40;

function caseOf() {
  const rand = uniform(7);
  const matrix = (rows: number, cols: number, scale: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rand() * scale));
  const dh = Array.from({ length: T }, (_, t) => Array.from({ length: H }, () => (t === T - 1 ? 1 : 0)));
  return {
    cell: "rnn" as const,
    params: { weight_ih: matrix(H, I, 0.5), weight_hh: matrix(H, H, 0.9 / Math.sqrt(H) * Math.sqrt(3)), bias_ih: new Array(H).fill(0), bias_hh: new Array(H).fill(0) },
    x: matrix(T, I, 1),
    loss: { kind: "linear" as const, dh },
  };
}

const frobenius = (m: number[][]) => Math.sqrt(m.flat().reduce((s, v) => s + v * v, 0));

export function truncation(windows: number[]): { k: number; kept: number; dropped: number; share: number }[] {
  const full = caseOf();
  const whole = evaluateCase(parseCase(full));
  return windows.map((k) => {
    const start = T - k;
    const part = { ...full, x: full.x.slice(start), h0: start > 0 ? whole.h[start - 1] : undefined, loss: { kind: "linear" as const, dh: full.loss.dh.slice(start) } };
    const kept = evaluateCase(parseCase(part)).grads.weight_hh;
    const dropped = whole.grads.weight_hh.map((row, r) => row.map((v, c) => v - kept[r][c]));
    return { k, kept: frobenius(kept), dropped: frobenius(dropped), share: frobenius(dropped) / frobenius(whole.grads.weight_hh) };
  });
}
