// Data for the "how far back does a gradient reach?" plot: ‖∂L/∂h^k‖ against the lag T−1−k
// for a loss on the last step only, for an RNN, LSTMs with several forget-gate biases and a
// GRU with its update gate leaning towards keeping the state, averaged over random
// sequences. Computed with src/grad.
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

type Cell = "rnn" | "lstm" | "gru";

/** `keepBias` is the forget-gate bias of an LSTM, the update-gate bias of a GRU: both are
 * the second row block (PyTorch's i, f, g, o and r, z, n). */
function caseFor(cell: Cell, keepBias: number, seed: number) {
  const rand = gaussian(seed);
  const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
  const scale = 1 / Math.sqrt(H);
  const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rand() * scale));
  const bias = Array.from({ length: G * H }, (_, r) => (cell !== "rnn" && r >= H && r < 2 * H ? keepBias : 0));
  const dh = Array.from({ length: T }, (_, t) => Array.from({ length: H }, () => (t === T - 1 ? 1 / Math.sqrt(H) : 0)));
  return {
    cell,
    params: { weight_ih: matrix(G * H, I), weight_hh: matrix(G * H, H), bias_ih: bias, bias_hh: new Array(G * H).fill(0) },
    x: Array.from({ length: T }, () => Array.from({ length: I }, () => rand())),
    loss: { kind: "linear", dh },
  };
}

export function gradientReach(): { model: string; lag: number; norm: number }[] {
  const models: [string, Cell, number][] = [
    ["RNN", "rnn", 0],
    ["LSTM, f bias 0", "lstm", 0],
    ["LSTM, f bias 2", "lstm", 2],
    ["LSTM, f bias 4", "lstm", 4],
    ["GRU, z bias 2", "gru", 2],
  ];
  return models.flatMap(([model, cell, keepBias]) => {
    const sums = new Array<number>(T).fill(0);
    for (let s = 0; s < SEQUENCES; s++) {
      const dh = evaluateCase(parseCase(caseFor(cell, keepBias, 1000 + s))).deltas.h;
      dh.forEach((v, k) => (sums[k] += Math.hypot(...v)));
    }
    return sums
      .map((sum, k) => ({ model, lag: T - 1 - k, norm: sum / SEQUENCES }))
      .filter((p) => p.lag <= 30)
      .sort((a, b) => a.lag - b.lag);
  });
}

/** The last point of each curve, with a vertical offset in px (`dy`) so that labels at
 * least `gap` px apart on a log scale of 430 px do not overlap. */
export function endLabels(data: { model: string; lag: number; norm: number }[], gap: number): { model: string; lag: number; norm: number; dy: number }[] {
  const last = new Map<string, { model: string; lag: number; norm: number }>();
  for (const d of data) if ((last.get(d.model)?.lag ?? -1) < d.lag) last.set(d.model, d);
  // pixels per decade on the plot's log axis (about 6 decades over ≈ 340 px)
  const perDecade = 340 / 6;
  const ends = [...last.values()].map((d) => ({ ...d, y: -Math.log10(d.norm) * perDecade, dy: 0 })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) {
    const wanted = ends[k - 1].y + ends[k - 1].dy + gap;
    if (ends[k].y + ends[k].dy < wanted) ends[k].dy = wanted - ends[k].y;
  }
  return ends.map(({ model, lag, norm, dy }) => ({ model, lag, norm, dy }));
}
