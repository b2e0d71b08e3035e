// A number typed into an exercise is read as people write it; what is not a number — a
// decimal comma above all — gets a message, never a silent wrong value.
import { describe, expect, it } from "vitest";
import { readNumber } from "../../src/deck/exercises/number-input.ts";

describe("readNumber", () => {
  it.each([
    ["0.0123", 0.0123],
    ["1.23e-2", 0.0123],
    ["1.23E-2", 0.0123],
    ["−0.5", -0.5],
    ["-0.5", -0.5],
    ["+0.5", 0.5],
    [".5", 0.5],
    ["  0.117 ", 0.117],
    ["5", 5],
    ["1.2×10^-3", 0.0012],
  ])("reads %j as %d", (text, value) => {
    expect(readNumber(text)).toEqual({ value });
  });

  it("says a decimal comma is one, with the number as it should be written", () => {
    expect(readNumber("-0,5")).toEqual({ problem: "write the decimal point as a point: -0.5, not -0,5" });
    expect(readNumber("−0,5")).toEqual({ problem: "write the decimal point as a point: -0.5, not -0,5" });
  });

  it.each(["", "abc", "0.5.1", "1e", "--1", "0x10", "1/2"])("gives %j a message", (text) => {
    const read = readNumber(text);
    expect("problem" in read && read.problem.length > 0).toBe(true);
  });
});
