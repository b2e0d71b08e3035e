// "Break a route": src/grad's backward pass with routes left out. Dropping nothing is the true
// gradient; dropping a route gives exactly the recursion of the deck's formulas without that
// term — computed here again, independently, from the reference forward pass (nested
// arrays, no code shared with src/grad) — and finite differences then tell it apart.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateCase, parseCase, ROUTES, type Route } from "../../src/grad/index.ts";
import { expectAllClose } from "../support/expect-close.ts";
import { offsetDerivative, referenceForward, type CaseJson } from "../support/reference-rnn.ts";
import { randomCase } from "../support/random-case.ts";

type Rows = number[][];
const zerosLike = (T: number, H: number): Rows => Array.from({ length: T }, () => new Array<number>(H).fill(0));
const block = (w: number[][], b: number, H: number): number[][] => w.slice(b * H, (b + 1) * H);
/** Mᵀv for M given as rows. */
const tmul = (m: number[][], v: number[]): number[] => m[0].map((_, c) => m.reduce((s, row, r) => s + row[c] * v[r], 0));
const plus = (a: number[], b: number[]): number[] => a.map((x, k) => x + b[k]);
const lossDeltas = (cs: CaseJson, h: Rows): Rows => h.map((ht, t) => ht.map((v, k) => (cs.loss.kind === "linear" ? cs.loss.dh[t][k] : v - cs.loss.target[t][k])));

/** δ of each cell by the deck's recursions, with the routes in `drop` left out. */
function maskedDeltas(cs: CaseJson, drop: ReadonlySet<string>): Record<string, Rows> {
  const ref = referenceForward(cs);
  const T = cs.x.length;
  const H = cs.params.weight_hh[0].length;
  const dL = drop.has("loss") ? zerosLike(T, H) : lossDeltas(cs, ref.h);
  const hPrev = (t: number): number[] => (t > 0 ? ref.h[t - 1] : (cs.h0 ?? new Array<number>(H).fill(0)));
  const W = cs.params.weight_hh;
  if (cs.cell === "rnn") {
    const dh = zerosLike(T, H);
    const da = zerosLike(T, H);
    for (let t = T - 1; t >= 0; t--) {
      dh[t] = t < T - 1 && !drop.has("recurrent") ? plus(dL[t], tmul(W, da[t + 1])) : [...dL[t]];
      da[t] = dh[t].map((v, k) => v * (1 - ref.h[t][k] ** 2));
    }
    return { h: dh, a: da };
  }
  if (cs.cell === "lstm") {
    const { i, f, g, o } = ref.gates;
    const d: Record<string, Rows> = { h: zerosLike(T, H), c: zerosLike(T, H), i: zerosLike(T, H), f: zerosLike(T, H), g: zerosLike(T, H), o: zerosLike(T, H) };
    const greff = { "recurrent-i": ["i", 0], "recurrent-f": ["f", 1], "recurrent-z": ["g", 2], "recurrent-o": ["o", 3] } as const;
    for (let t = T - 1; t >= 0; t--) {
      let dy = [...dL[t]];
      if (t < T - 1) for (const [route, [name, b]] of Object.entries(greff)) if (!drop.has(route)) dy = plus(dy, tmul(block(W, b, H), d[name][t + 1]));
      const cPrev = t > 0 ? ref.c[t - 1] : (cs.c0 ?? new Array<number>(H).fill(0));
      d.h[t] = dy;
      d.c[t] = dy.map((v, k) => v * o[t][k] * (1 - Math.tanh(ref.c[t][k]) ** 2) + (t < T - 1 && !drop.has("cell") ? d.c[t + 1][k] * f[t + 1][k] : 0));
      d.i[t] = d.c[t].map((v, k) => v * g[t][k] * i[t][k] * (1 - i[t][k]));
      d.f[t] = d.c[t].map((v, k) => v * cPrev[k] * f[t][k] * (1 - f[t][k]));
      d.g[t] = d.c[t].map((v, k) => v * i[t][k] * (1 - g[t][k] ** 2));
      d.o[t] = dy.map((v, k) => v * Math.tanh(ref.c[t][k]) * o[t][k] * (1 - o[t][k]));
    }
    return d;
  }
  const { r, z, n } = ref.gates;
  const d: Record<string, Rows> = { h: zerosLike(T, H), r: zerosLike(T, H), z: zerosLike(T, H), n: zerosLike(T, H) };
  const hidden: Rows = zerosLike(T, 3 * H); // ∂L/∂(W_hh h + b_hh), blocks r, z, n
  for (let t = T - 1; t >= 0; t--) {
    let dh = [...dL[t]];
    if (t < T - 1) {
      if (!drop.has("straight")) dh = plus(dh, d.h[t + 1].map((v, k) => v * z[t + 1][k]));
      ["recurrent-r", "recurrent-z", "recurrent-n"].forEach((route, b) => {
        if (!drop.has(route)) dh = plus(dh, tmul(block(W, b, H), hidden[t + 1].slice(b * H, (b + 1) * H)));
      });
    }
    const hp = hPrev(t);
    const hn = block(W, 2, H).map((row, k) => row.reduce((s, w, j) => s + w * hp[j], cs.params.bias_hh[2 * H + k]));
    d.h[t] = dh;
    d.n[t] = dh.map((v, k) => v * (1 - z[t][k]) * (1 - n[t][k] ** 2));
    d.z[t] = dh.map((v, k) => v * (hp[k] - n[t][k]) * z[t][k] * (1 - z[t][k]));
    d.r[t] = d.n[t].map((v, k) => v * hn[k] * r[t][k] * (1 - r[t][k]));
    hidden[t] = [...d.r[t], ...d.z[t], ...d.n[t].map((v, k) => v * r[t][k])];
  }
  return d;
}

const CASES = ["tiny-rnn", "tiny-lstm", "tiny-lstm-state", "tiny-gru"].map((name) => JSON.parse(readFileSync(`slides/examples/${name}.json`, "utf8")) as CaseJson);
const RANDOM = (["rnn", "lstm", "gru"] as const).map((cell, k) => randomCase({ cell, loss: k === 1 ? "linear" : "mse", hidden: 3, input: 2, steps: 4, seed: 7 + k, withInitialState: true }));

describe("a backward pass with routes left out", () => {
  it.each([...CASES, ...RANDOM].map((cs) => [cs.cell, cs] as const))("%s: dropping nothing is the true gradient", (_cell, cs) => {
    const c = parseCase(cs);
    expect(evaluateCase(c, { drop: [] })).toEqual(evaluateCase(c));
  });

  const each = [...CASES, ...RANDOM].flatMap((cs) => (ROUTES[cs.cell] as readonly Route[]).map((route) => [`${cs.cell} ${cs.x.length} steps, without ${route}`, cs, route] as const));
  it.each(each)("%s: the deck's recursion without that term", (_name, cs, route) => {
    const got = evaluateCase(parseCase(cs), { drop: [route] });
    const expected = maskedDeltas(cs, new Set([route]));
    for (const [name, rows] of Object.entries(expected)) {
      const actual = (got.deltas as Record<string, Rows | undefined>)[name]!;
      rows.forEach((row, t) => expectAllClose(actual[t], row, `deltas.${name}[${t}]`, { rtol: 1e-10, atol: 1e-13 }));
    }
  });

  it.each(CASES.flatMap((cs) => (ROUTES[cs.cell] as readonly Route[]).map((route) => [`${cs.cell} without ${route}`, cs, route] as const)))(
    "%s: finite differences tell the gradient without it apart from the true one",
    (_name, cs, route) => {
      const T = cs.x.length;
      const H = cs.params.weight_hh[0].length;
      const wrong = evaluateCase(parseCase(cs), { drop: [route] });
      const worst = Math.max(...Array.from({ length: T }, (_, t) => Math.max(...Array.from({ length: H }, (_, k) => Math.abs(wrong.deltas.h[t][k] - offsetDerivative(cs, "h", t, k))))));
      expect(worst).toBeGreaterThan(1e-4);
    },
  );
});
