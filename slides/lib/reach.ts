// Data for the "how far back does a gradient reach?" plot: ‖∂L/∂h^k‖ against the lag T−1−k
// for a loss on the last step only, for an RNN and for LSTMs with several forget-gate
// biases, averaged over random sequences. Computed with src/grad.
import { evaluateCase, parseCase } from "@grad";

/** A small deterministic generator, so the plot is the same on every build. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const H = 8;
const I = 4;
const T = 40;
const SEQUENCES = 20;

function caseFor(cell: "rnn" | "lstm", forgetBias: number, seed: number) {
  const rand = gaussian(seed);
  const G = cell === "lstm" ? 4 : 1;
  const scale = 1 / Math.sqrt(H);
  const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rand() * scale));
  const bias = Array.from({ length: G * H }, (_, r) => (cell === "lstm" && r >= H && r < 2 * H ? forgetBias : 0));
  const dh = Array.from({ length: T }, (_, t) => Array.from({ length: H }, () => (t === T - 1 ? 1 / Math.sqrt(H) : 0)));
  return {
    cell,
    params: { weight_ih: matrix(G * H, I), weight_hh: matrix(G * H, H), bias_ih: bias, bias_hh: new Array(G * H).fill(0) },
    x: Array.from({ length: T }, () => Array.from({ length: I }, () => rand())),
    loss: { kind: "linear", dh },
  };
}

export function gradientReach(): { model: string; lag: number; norm: number }[] {
  const models: [string, "rnn" | "lstm", number][] = [
    ["RNN", "rnn", 0],
    ["LSTM, b_f = 0", "lstm", 0],
    ["LSTM, b_f = 2", "lstm", 2],
    ["LSTM, b_f = 4", "lstm", 4],
  ];
  return models.flatMap(([model, cell, forgetBias]) => {
    const sums = new Array<number>(T).fill(0);
    for (let s = 0; s < SEQUENCES; s++) {
      const dh = evaluateCase(parseCase(caseFor(cell, forgetBias, 1000 + s))).deltas.h;
      dh.forEach((v, k) => (sums[k] += Math.hypot(...v)));
    }
    return sums
      .map((sum, k) => ({ model, lag: T - 1 - k, norm: sum / SEQUENCES }))
      .filter((p) => p.lag <= 30)
      .sort((a, b) => a.lag - b.lag);
  });
}
