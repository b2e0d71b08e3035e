// A number blank's tolerance (src/shared/tolerance.ts): one in the last decimal asked for,
// exactly, and written as a reader writes it.
import { describe, expect, it } from "vitest";
import { toleranceOf, toleranceText } from "../../src/shared/tolerance.ts";

describe("a tolerance of d decimals", () => {
  it("is 10⁻ᵈ exactly as its decimal", () => {
    expect(toleranceOf(3)).toBe(0.001);
    expect(toleranceOf(5)).toBe(0.00001); // 10 ** -5 is 0.000009999999999999999
    expect(toleranceOf(9)).toBe(0.000000001);
  });

  it("reads as a short decimal, else as a power of ten, never as 1e-7", () => {
    expect(toleranceText(1)).toBe("0.1");
    expect(toleranceText(4)).toBe("0.0001");
    expect(toleranceText(5)).toBe("10⁻⁵");
    expect(toleranceText(7)).toBe("10⁻⁷");
    expect(toleranceText(12)).toBe("10⁻¹²");
  });
});
