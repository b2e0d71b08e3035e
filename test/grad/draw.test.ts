// New numbers by seed: a drawn case is the template's shape with fresh multiples of 0.1 in
// [−0.9, 0.9] (its zeros kept), the same for a seed on every run and machine, as the draw is
// specified (src/grad/draw.ts) — reproduced here from that specification; its generator's
// outputs are mulberry32's as an independent implementation (in Python) gives them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawCase, evaluateCase, MAX_SEED, mulberry32, parseCase } from "../../src/grad/index.ts";
import { prng } from "../support/random-case.ts";

const templates = ["tiny-rnn", "tiny-lstm", "tiny-lstm-state", "tiny-gru", "gomez-2016"].map((name) => [name, JSON.parse(readFileSync(`slides/examples/${name}.json`, "utf8")) as Record<string, unknown>] as const);

/** The specification: in the order of the drawn fields, each non-zero number becomes ±k/10,
 * k = 1 + (r mod 9), negative when bit 16 of r is set, r the next 32-bit output. */
function drawnBySpec(template: Record<string, unknown>, seed: number): unknown {
  const next = prng(seed); // uniform in [0, 1) = r / 2³²
  const copy = structuredClone(template) as Record<string, Record<string, unknown>>;
  const draw = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(draw);
    if (typeof v !== "number" || v === 0) return v;
    const r = Math.round(next() * 4294967296);
    return ((r >>> 16) & 1 ? -1 : 1) * (1 + (r % 9)) / 10;
  };
  for (const key of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]) copy.params[key] = draw(copy.params[key]);
  for (const key of ["x", "h0", "c0"]) if (key in copy) (copy as Record<string, unknown>)[key] = draw(copy[key]);
  for (const key of ["dh", "target"]) if (key in copy.loss) copy.loss[key] = draw(copy.loss[key]);
  return copy;
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(numbers) : typeof v === "number" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(numbers) : []);

describe("the generator", () => {
  it("is mulberry32: its first outputs for three seeds, as a Python implementation of the algorithm gives them", () => {
    const first = (seed: number): number[] => {
      const next = mulberry32(seed);
      return [next(), next(), next(), next()];
    };
    expect(first(1)).toEqual([2693262067, 11749833, 2265367787, 4213581821]);
    expect(first(42)).toEqual([2581720956, 1925393290, 3661312704, 2876485805]);
    expect(first(999999)).toEqual([157392695, 2038662629, 2133492318, 3438734609]);
  });
});

describe("drawCase", () => {
  it.each(templates)("%s: as specified, for the first seeds and the last", (_name, template) => {
    for (const seed of [1, 2, 42, 1234, MAX_SEED]) expect(drawCase(template, seed)).toEqual(drawnBySpec(template, seed));
  });

  it.each(templates)("%s: keeps the shape, the zeros and the other fields; fresh numbers a hand can use", (_name, template) => {
    const drawn = drawCase(template, 7) as Record<string, unknown>;
    expect(() => parseCase(drawn)).not.toThrow();
    expect(drawn.cell).toBe(template.cell);
    expect(drawn.name).toBe(template.name);
    const before = numbers({ params: template.params, x: template.x, loss: template.loss });
    const after = numbers({ params: drawn.params, x: drawn.x, loss: drawn.loss });
    expect(after.length).toBe(before.length);
    after.forEach((v, k) => {
      if (before[k] === 0) expect(v).toBe(0);
      else expect(Number.isInteger(Math.round(v * 10)) && Math.abs(Math.round(v * 10) - v * 10) < 1e-12 && v !== 0 && Math.abs(v) <= 0.9).toBe(true);
    });
    expect(after).not.toEqual(before);
    expect(drawCase(template, 8)).not.toEqual(drawn);
    expect(Number.isFinite(evaluateCase(parseCase(drawn)).loss)).toBe(true);
  });

  it("refuses a seed that is not a whole number from 1 to the largest", () => {
    for (const seed of [0, -1, 1.5, MAX_SEED + 1, Number.NaN]) expect(() => drawCase(templates[0][1], seed)).toThrow(/whole number/);
  });
});
