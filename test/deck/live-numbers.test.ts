// A live example's numbers rewritten in the browser with no TeX engine (src/deck/
// live-numbers-dom.ts), on formulas built the way the deck builds them (src/compile/snippets/
// live-typeset.ts): after any series of changes, the HTML reads and the MathML is exactly
// what the build typesets (with KaTeX) for the new formula, and only the numbers that
// differ from the build's are marked. Random formulas in the shape of the deck's: vectors, matrices,
// powers of ten, signs that flip, indices and words with digits that are not values.
import fc from "fast-check";
import katex from "katex";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/compile/diagnostics.ts";
import { renderLiveTex, shapeChanges } from "../../src/compile/markdown/live-typeset.ts";
import { updateLiveValue } from "../../src/deck/live-numbers-dom.ts";
import { live, num, type SnippetValue } from "../../src/author/snippet.ts";
import { liveNumbers, liveShape } from "../../src/shared/live-numbers.ts";

const env = { file: "x.md", firstLine: 1, sourceLines: [], diagnostics: new Diagnostics(), macros: {} };
const at = { file: "x.md", line: 1, col: 1 };
const display = (source: string): SnippetValue => ({ __deck: "tex", tex: source, display: true });

/** A formula like the deck's live values, for a list of numbers. */
function formula(values: readonly number[]): string {
  const col = (xs: readonly number[]): string => `\\begin{bmatrix}${xs.map((x) => num(x)).join("\\\\")}\\end{bmatrix}`;
  const half = Math.ceil(values.length / 2);
  // a power of ten after words, as fdText writes an error (never negative: after a \text
  // group a minus would subtract, and TeX would space it so)
  return `\\delta\\mathbf{c}^{1} = ${col(values.slice(0, half))} \\odot ${col(values.slice(half))} + \\mathbf{f}^{t+1} \\quad \\text{route 2: } ${num(Math.abs(values[0]) * 1e-9)}`;
}

/** What a build would show for `source`: its HTML's text and its MathML (no annotation). */
function asBuilt(source: string): { text: string; mathml: string } {
  const { document } = parseHTML(`<html><body><div>${renderLiveTex(source, true, "0", at, env)}</div></body></html>`);
  return read(document.querySelector("div")!);
}

/** KaTeX's own typesetting of `source`, as text. */
function katexText(source: string): string {
  const { document } = parseHTML(`<html><body><div>${katex.renderToString(source, { displayMode: true, output: "html" })}</div></body></html>`);
  return document.querySelector(".katex-html")!.textContent!.replace(/\u200b/g, "");
}

function read(box: Element): { text: string; mathml: string } {
  const semantics = box.querySelector("semantics")!.firstElementChild!.cloneNode(true) as Element;
  semantics.querySelectorAll("[data-live-n]").forEach((e) => e.removeAttribute("data-live-n"));
  semantics.removeAttribute("data-live-n");
  return { text: box.querySelector(".katex-html")!.textContent!.replace(/\u200b/g, ""), mathml: semantics.outerHTML };
}

const number = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
  fc.constantFrom(0, 1, -1, 0.5, 12345.678, -0.0001234),
);

describe("a live example's numbers, rewritten without KaTeX", () => {
  it("read and are structured as the build typesets the new formula, after any series of changes", () => {
    fc.assert(
      fc.property(fc.array(fc.array(number, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 4 }), (series) => {
        const built = formula(series[0]);
        const { document } = parseHTML(`<html><body><div id="box">${renderLiveTex(built, true, "0", at, env)}</div></body></html>`);
        const box = document.querySelector("#box")!;
        for (const values of series.slice(1)) {
          const next = formula(values);
          updateLiveValue(box, display(next), display(built), "0");
          // as if the build had typeset the new case, and reading as KaTeX reads the formula
          expect(read(box)).toEqual(asBuilt(next));
          expect(read(box).text).toBe(katexText(next));
          expect(box.querySelector("annotation")!.textContent).toBe(next);
          // marked: exactly the numbers that differ from the build's
          const marked = [...box.querySelectorAll(".katex-html [data-live-n]")].map((w) => w.hasAttribute("data-live-diff"));
          const differs = values.map((x, k) => num(x) !== num(series[0][k]));
          // in reading order: the index ^{1}, the four values, the 1 of t+1, the power of ten
          expect(marked.slice(1, 5)).toEqual(differs);
          expect([marked[0], marked[5]]).toEqual([false, false]); // indices never move
          expect(marked[6]).toBe(num(Math.abs(values[0]) * 1e-9) !== num(Math.abs(series[0][0]) * 1e-9));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("leaves alone what is not a value (scripts, arguments, sizes, words) and keeps a subtraction's minus", () => {
    const diagnostics = new Diagnostics();
    const source = String.raw`x^2 + h_1 + \frac12 + \hspace{1em} \begin{aligned} a \\[2pt] b \end{aligned} \text{route 1} = 0.5 - 0.25 \odot -2 + \tanh(-0.5)`;
    renderLiveTex(source, true, "0", at, { ...env, diagnostics });
    expect(diagnostics.list.map((d) => d.message)).toEqual([]);
    expect(liveNumbers(source).map((n) => n.text)).toEqual(["0.5", "0.25", "-2", "-0.5"]);
  });

  it("the build refuses a live example whose inputs change more than numbers", () => {
    const view = (json: unknown): SnippetValue[] => {
      const x = (json as { x: number }).x;
      return [display(x > 0 ? `a = ${num(x)}` : `a = -\\left(${num(-x)}\\right)`)];
    };
    const example = live({ json: { x: 1 }, inputs: [{ label: "x", path: "x", min: -1, max: 2, step: 0.5 }], view });
    if (example.__deck !== "live") throw new Error("not live");
    const changes = shapeChanges(example.values, example.probes);
    expect(changes.map((c) => [c.probe.path, c.probe.at])).toEqual([["x", -1]]);
    expect(liveShape("a = -1.5 + \\text{step 2}")).toBe("a = # + \\text{step 2}");
  });
});
