// The TeX macros every formula can use (src/shared/math-macros.ts), typeset by KaTeX as the
// build typesets them.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { MATH_MACROS, trust } from "../../src/shared/math-macros.ts";

const typeset = (tex: string): string => katex.renderToString(tex, { displayMode: true, output: "htmlAndMathml", throwOnError: true, macros: { ...MATH_MACROS }, trust, strict: "ignore" });
/** The markup without the TeX source KaTeX keeps in its MathML annotation. */
const drawn = (html: string): string => html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, "");

describe("\\blank", () => {
  it("is a box of one size whatever the answer: the answer is neither drawn nor laid out", () => {
    const short = typeset("\\delta\\mathbf{a}^{t} = \\blank{x}");
    const long = typeset("\\delta\\mathbf{a}^{t} = \\blank{\\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t}) + \\frac{\\delta\\mathbf{c}^{t+1}}{\\mathbf{f}^{t+1}}}");
    expect(drawn(long)).toBe(drawn(short));
    expect(drawn(long)).not.toMatch(/tanh|rlap|phantom/);
    expect(drawn(short)).toMatch(/class="[^"]*fbox/); // a box
    expect(drawn(short)).toContain("?");
  });
});
