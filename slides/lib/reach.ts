// Data for the "how far back does a gradient reach?" plots: the norm of the error that a
// loss on the last step sends back to step k, against the lag T−1−k, for an RNN, LSTMs with
// several forget-gate biases and a GRU with its update gate leaning towards keeping the
// state. Each curve is a mean over NETWORKS random networks: every network draws its own
// weights and its own input sequence. Computed with src/grad.
//   - RNN and GRU: ‖δhᵏ‖ (the grad output's deltas.h);
//   - LSTM: ‖δyᵏ‖ (deltas.h too: the LSTM's output yᵏ is PyTorch's h[k]) and the cell
//     stream ‖δcᵏ‖ (deltas.c).
import { evaluateCase, parseCase, type CaseResult } from "@grad";

/** A small deterministic generator, so the plot is the same on every build. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The experiment's sizes, which the slides quote. */
export const REACH = {
  /** hidden units */
  H: 8,
  /** inputs */
  I: 4,
  /** steps; the loss is on the last one */
  T: 40,
  /** random networks per curve */
  NETWORKS: 20,
  /** the longest lag plotted */
  MAX_LAG: 30,
} as const;
const { H, I, T, NETWORKS, MAX_LAG } = REACH;

type Cell = "rnn" | "lstm" | "gru";

/** `keepBias` is the forget-gate bias of an LSTM, the input-side update-gate bias b_iz of a
 * GRU: both are the second row block of bias_ih (PyTorch's i, f, g, o and r, z, n); every
 * other bias is zero. */
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

export interface ReachPoint {
  model: string;
  lag: number;
  norm: number;
}

/** Every network's grad output for one model. */
function networks(cell: Cell, keepBias: number): CaseResult[] {
  return Array.from({ length: NETWORKS }, (_, network) => evaluateCase(parseCase(caseFor(cell, keepBias, 1000 + network))));
}

/** The mean over the networks of ‖vᵏ‖ for the rows vᵏ that `pick` reads from each
 * network's grad output, as points by lag (0 … MAX_LAG). */
function meanNorms(model: string, results: CaseResult[], pick: (r: CaseResult) => number[][]): ReachPoint[] {
  const sums = new Array<number>(T).fill(0);
  for (const r of results) pick(r).forEach((v, k) => (sums[k] += Math.hypot(...v)));
  return sums
    .map((sum, k) => ({ model, lag: T - 1 - k, norm: sum / results.length }))
    .filter((p) => p.lag <= MAX_LAG)
    .sort((a, b) => a.lag - b.lag);
}

/** The LSTMs' forget-gate biases b_f, and the GRU's b_iz. */
const LSTM_BIASES = [0, 2, 4];
const GRU_BIAS = 2;

/** ‖δhᵏ‖ of the RNN and the GRU, ‖δyᵏ‖ of the LSTMs (their outputs' stream). */
export function gradientReach(): ReachPoint[] {
  return [
    ...meanNorms("RNN", networks("rnn", 0), (r) => r.deltas.h),
    ...LSTM_BIASES.flatMap((b) => meanNorms(`LSTM, b_f = ${b}`, networks("lstm", b), (r) => r.deltas.h)),
    ...meanNorms(`GRU, b_iz = ${GRU_BIAS}`, networks("gru", GRU_BIAS), (r) => r.deltas.h),
  ];
}

/** The LSTMs' two streams: ‖δyᵏ‖ and ‖δcᵏ‖ for each forget-gate bias. */
export function lstmStreams(): (ReachPoint & { stream: "δy" | "δc" })[] {
  return LSTM_BIASES.flatMap((b) => {
    const results = networks("lstm", b);
    return [
      ...meanNorms(`b_f = ${b}`, results, (r) => r.deltas.h).map((p) => ({ ...p, stream: "δy" as const })),
      ...meanNorms(`b_f = ${b}`, results, (r) => r.deltas.c!).map((p) => ({ ...p, stream: "δc" as const })),
    ];
  });
}

/** The last point of each curve, with a vertical offset in px (`dy`) so that labels at
 * least `gap` px apart on a log scale of `decades` decades over `height` px do not overlap. */
export function endLabels<P extends ReachPoint>(data: P[], gap: number, { height = 340, decades = 6 } = {}): (P & { dy: number })[] {
  const last = new Map<string, P>();
  for (const d of data) if ((last.get(d.model)?.lag ?? -1) < d.lag) last.set(d.model, d);
  const perDecade = height / decades;
  const ends = [...last.values()].map((d) => ({ ...d, y: -Math.log10(d.norm) * perDecade, dy: 0 })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) {
    const wanted = ends[k - 1].y + ends[k - 1].dy + gap;
    if (ends[k].y + ends[k].dy < wanted) ends[k].dy = wanted - ends[k].y;
  }
  return ends.map(({ y: _y, ...rest }) => rest as unknown as P & { dy: number });
}
