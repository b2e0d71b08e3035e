// Marking the numbers a presenter's change moved, on the TeX of a live example's value.
import { describe, expect, it } from "vitest";
import { markChangedNumbers } from "../../src/deck/live-diff.ts";

const marked = (n: string): string => `\\htmlData{live-diff=1}{${n}}`;

describe("markChangedNumbers", () => {
  it("marks only the numbers that differ, in place", () => {
    const before = String.raw`\delta\mathbf{c}^{1} = \begin{bmatrix}0.1170\\-0.1505\end{bmatrix}`;
    const after = String.raw`\delta\mathbf{c}^{1} = \begin{bmatrix}0.1170\\-0.2011\end{bmatrix}`;
    expect(markChangedNumbers(before, after)).toBe(String.raw`\delta\mathbf{c}^{1} = \begin{bmatrix}0.1170\\` + marked("-0.2011") + String.raw`\end{bmatrix}`);
  });

  it("reads a number in scientific notation as one number", () => {
    expect(markChangedNumbers(String.raw`x = 9.243\times10^{-4}`, String.raw`x = 7.926\times10^{-4}`)).toBe(`x = ${marked(String.raw`7.926\times10^{-4}`)}`);
    expect(markChangedNumbers(String.raw`x = 9.243\times10^{-4}`, String.raw`x = 9.243\times10^{-5}`)).toBe(`x = ${marked(String.raw`9.243\times10^{-5}`)}`);
  });

  it("leaves a value with no change alone, and marks every number when the shape changed", () => {
    const same = String.raw`a = 1.5, b = -2`;
    expect(markChangedNumbers(same, same)).toBe(same);
    expect(markChangedNumbers("a = 1.5", "a = 1.5 + 2")).toBe(`a = ${marked("1.5")} + ${marked("2")}`);
  });
});
