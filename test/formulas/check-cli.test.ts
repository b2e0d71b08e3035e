// End to end: a slip typed into a chapter of the real deck makes `npm run check` fail at
// the formula's own line, naming the time step and both sides.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../support/run-script.ts";

const root = mkdtempSync(path.join(tmpdir(), "deck-slips-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A slip: `from` replaced by `to` in a chapter; expected at the line that holds `to`. */
const SLIPS = [
  { file: "slides/04-lstm-backward.md", from: "\\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1}}", to: "\\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t}}", kind: "a time index" },
  { file: "slides/02-rnn-bptt.md", from: "\\hl{2}{W_{hh}^\\top\\,\\delta\\mathbf{a}^{t+1}}", to: "\\hl{2}{W_{hh}\\,\\delta\\mathbf{a}^{t+1}}", kind: "a dropped transpose" },
  { file: "slides/09-appendix.md", from: "&= \\delta\\mathbf{y}^{t} \\odot \\tanh(\\mathbf{c}^{t}) \\odot \\sigma'(\\bar{\\mathbf{o}}^{t})", to: "&= \\delta\\mathbf{y}^{t} + \\tanh(\\mathbf{c}^{t}) \\odot \\sigma'(\\bar{\\mathbf{o}}^{t})", kind: "⊙ for +" },
];

describe("npm run check on a deck with slips in its formulas", () => {
  it("fails at each slip's line, with the step and both sides", async () => {
    cpSync("slides", path.join(root, "slides"), { recursive: true });
    cpSync("src", path.join(root, "src"), { recursive: true });
    const expected: string[] = [];
    for (const slip of SLIPS) {
      const file = path.join(root, slip.file);
      const text = readFileSync(file, "utf8");
      expect(text, `${slip.file} no longer holds the formula this test mutates`).toContain(slip.from);
      const mutated = text.replace(slip.from, slip.to);
      writeFileSync(file, mutated);
      expected.push(`${slip.file}:${mutated.slice(0, mutated.indexOf(slip.to)).split("\n").length}:`);
    }
    const outcome = await runScript("check", [], { cwd: root });
    expect(outcome.code).toBe(1);
    const errors = outcome.stderr.split("\n").filter((l) => / formula: /.test(l));
    for (const at of expected) {
      const line = errors.find((e) => e.startsWith(at));
      expect(line, `no formula error at ${at}\n${outcome.stderr}`).toBeDefined();
      expect(line).toMatch(/does not hold( at t = \d+)?: left .+, right .+|cannot be evaluated/);
    }
  }, 120_000);
});
