// What the deck says about its own tests and experiments is what they run: the built
// slides (the shared build of the real deck, read as markup) state the property test's
// settings and the plots' sample sizes as the code has them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { PROPERTY_CASES, PROPERTY_PAIRS, PROPERTY_RUNS, PROPERTY_SIZES } from "../../slides/lib/property-settings.ts";
import { REACH } from "../../slides/lib/reach.ts";
import { evaluateCase, parseCase } from "../../src/grad/index.ts";
import { CHO, OLAH, PYTORCH, forward, fromPyTorchCase, type GruVariantCase } from "../../slides/lib/gru-variants.ts";

let slides: Map<string, Element>;

beforeAll(() => {
  // the site's page keeps its slides as markup (the offline file packs them)
  const html = readFileSync(path.join(path.dirname(inject("builtDeckFile")), "index.html"), "utf8");
  const { document } = parseHTML(html);
  slides = new Map([...document.querySelectorAll("section[id]")].map((s) => [s.id, s] as const));
});

/** The slide's visible text (no notes, no scripts, no MathML), spaces collapsed. */
function textOf(id: string): string {
  const slide = slides.get(id);
  expect(slide, `no slide #${id}`).toBeDefined();
  const visible = slide!.cloneNode(true) as Element;
  visible.querySelectorAll("aside.notes, script, .katex-mathml").forEach((el) => el.remove());
  return (visible.textContent ?? "").replace(/\s+/g, " ");
}

describe("the deck states what its tests and experiments run", () => {
  it("the finite-differences slide counts the property test's cases from its settings", () => {
    const text = textOf("finite-differences");
    expect(text).toContain(`${PROPERTY_CASES} random cases, ${PROPERTY_RUNS} for each of the ${PROPERTY_PAIRS.length} pairs of cell and loss`);
    for (const { min, max } of Object.values(PROPERTY_SIZES)) expect(text).toContain(`${min} to ${max}`);
    expect(text).not.toMatch(/thousands/i);
  });

  it("the gradient-reach plots say what they average over and what they plot", () => {
    const reach = textOf("gradient-norm-plot");
    expect(reach).toContain(`mean over ${REACH.NETWORKS} random networks`);
    expect(reach).toContain("‖δyᵏ‖"); // the LSTM's curves are its output stream δy
    expect(reach).not.toMatch(/sequences/);
    const streams = textOf("lstm-streams-plot");
    expect(streams).toContain("‖δcᵏ‖");
    expect(streams).toContain("‖δyᵏ‖");
  });

  it("the δc slider moves unit 0's forget gate alone, as its notes say", () => {
    const slider = slides.get("lstm-delta-c-example")!.querySelector("input[data-path='params.bias_ih.2']");
    expect(slider, "the slide's forget-bias slider").not.toBeNull();
    expect(textOf("lstm-delta-c-example")).toContain("unit 0"); // its label names the unit
    const json = JSON.parse(readFileSync("slides/examples/tiny-lstm.json", "utf8"));
    const before = evaluateCase(parseCase(json)).gates!.f![2];
    json.params.bias_ih[2] = Number(slider!.getAttribute("min"));
    const after = evaluateCase(parseCase(json)).gates!.f![2];
    expect(after[0]).toBeLessThan(before[0] / 10);
    // unit 1's gate moves only through the recurrent weights: by a little
    expect(Math.abs(after[1] - before[1])).toBeLessThan(0.01);
  });

  it("the GRU-variants slide: the variants' forward passes are PyTorch's where they should be, and Olah's z is Cho's z negated", () => {
    const json = JSON.parse(readFileSync("slides/examples/tiny-gru.json", "utf8"));
    const cs = fromPyTorchCase(json);
    // the slide's PyTorch row is src/grad's GRU
    const ours = forward(cs, PYTORCH).steps.map((s) => s.h);
    const grad = evaluateCase(parseCase(json)).h;
    ours.forEach((h, t) => h.forEach((v, k) => expect(v).toBeCloseTo(grad[t][k], 14)));
    // r before the matrix is another function (else the slide would have nothing to derive)
    expect(Math.abs(forward(cs, CHO).loss - forward(cs, PYTORCH).loss)).toBeGreaterThan(1e-4);
    // z and 1 − z swapped: the same functions with z's weights and biases negated
    const negated: GruVariantCase = structuredClone(cs);
    negated.W.z = cs.W.z.map((row) => row.map((v) => -v));
    negated.U.z = cs.U.z.map((row) => row.map((v) => -v));
    negated.b.z = cs.b.z.map((v) => -v);
    negated.c.z = cs.c.z.map((v) => -v);
    const olah = forward(cs, OLAH).steps.map((s) => s.h);
    const cho = forward(negated, CHO).steps.map((s) => s.h);
    olah.forEach((h, t) => h.forEach((v, k) => expect(v).toBeCloseTo(cho[t][k], 14)));
    expect(textOf("gru-variants")).toMatch(/weights and bias negated/);
  });
});

