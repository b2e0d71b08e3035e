// Random cases for property tests, built from a seed so fast-check can shrink sizes and
// replay a failure exactly.
import { mulberry32 } from "../../src/grad/index.ts";
import type { CaseJson } from "./reference-rnn.ts";

/** Uniform in [0, 1), from the same 32-bit generator the deck draws new numbers with (its
 * outputs are tested against an independent implementation in test/grad/draw.test.ts). */
export function prng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

export interface CaseShape {
  cell: "lstm" | "gru" | "rnn";
  loss: "linear" | "mse";
  hidden: number;
  input: number;
  steps: number;
  seed: number;
  /** weights are uniform in [−scale, scale] */
  scale?: number;
  withInitialState?: boolean;
}

export function randomCase(shape: CaseShape): CaseJson {
  const rand = prng(shape.seed);
  const scale = shape.scale ?? 1;
  const uni = (s: number): number => (2 * rand() - 1) * s;
  const vec = (n: number, s: number): number[] => Array.from({ length: n }, () => uni(s));
  const mat = (r: number, c: number, s: number): number[][] => Array.from({ length: r }, () => vec(c, s));
  const G = shape.cell === "lstm" ? 4 : shape.cell === "gru" ? 3 : 1;
  const { hidden: H, input: I, steps: T } = shape;
  const cs: CaseJson = {
    cell: shape.cell,
    params: { weight_ih: mat(G * H, I, scale), weight_hh: mat(G * H, H, scale), bias_ih: vec(G * H, scale), bias_hh: vec(G * H, scale) },
    x: mat(T, I, 1),
    loss: shape.loss === "linear" ? { kind: "linear", dh: mat(T, H, 1) } : { kind: "mse", target: mat(T, H, 1) },
  };
  if (shape.withInitialState) {
    cs.h0 = vec(H, 1);
    if (shape.cell === "lstm") cs.c0 = vec(H, 2);
  }
  return cs;
}
