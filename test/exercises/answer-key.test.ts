// A completed formula as the answer key and "Show answer" typeset it (src/deck/exercises/):
// the blank's box filled with the answer; a route highlight or a step of the slide's formula
// (\hl, \step, \stepat) typeset as its content — a key has no steps — not as KaTeX's error
// for an untrusted command.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { answerKeySections, filledFormulaTex } from "../../src/deck/exercises/answer-key.ts";
import { MATH_MACROS, STILL_MACROS } from "../../src/shared/math-macros.ts";

/** As the browser's exercises typeset: the deck's macros, nothing trusted, errors shown. */
const typeset = (tex: string, displayMode = true): string => katex.renderToString(tex, { displayMode, throwOnError: false, output: "htmlAndMathml", macros: { ...MATH_MACROS, ...STILL_MACROS } });
const drawn = (html: string): string => html.replace(/<span class="katex-mathml">[\s\S]*?<\/span>(?=<span class="katex-html")/g, "");

describe("a completed formula", () => {
  const before = "\\delta\\mathbf{y}^{t} = \\hl{1}{\\Delta^{t}} + \\step{R_z^\\top\\delta\\bar{\\mathbf{z}}^{t+1}} + ";
  const tex = filledFormulaTex(before, "R_f^\\top\\delta\\bar{\\mathbf{f}}^{t+1}", "+ \\stepat{2}{R_o^\\top\\delta\\bar{\\mathbf{o}}^{t+1}}");

  it("shows the slide's highlights and steps as their content, with no error", () => {
    const html = typeset(tex);
    expect(html).not.toMatch(/katex-error|data-step|htmlData/);
    for (const symbol of ["Δ", "z", "f", "o"]) expect(drawn(html)).toContain(symbol);
  });

  it("boxes the answer where the blank was", () => {
    expect(tex).toMatch(/\\boxed\{R_f\^\\top\\delta\\bar\{\\mathbf\{f\}\}\^\{t\+1\}\}/);
    expect(drawn(typeset(tex))).toMatch(/class="[^"]*fbox/);
  });

  it("is typeset on the key's page", () => {
    const [page] = answerKeySections([{ titleHtml: "Practise: which route is missing?", answers: [{ tex }, { path: "deltas.c.1.0", tex: "-0.1234" }] }], 42, typeset);
    expect(page).toContain("seed 42");
    expect(page).not.toMatch(/katex-error/);
    expect(page).toMatch(/<code>deltas\.c\.1\.0<\/code> = /);
  });
});
