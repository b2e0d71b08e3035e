// The grad CLI as a user runs it: a real process through npm, case files on disk.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { drawCase, evaluateCase, parseCase } from "../../src/grad/index.ts";
import { randomCase } from "../support/random-case.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "grad-cli-"));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function grad(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "grad", "--", ...args], { encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function caseFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const lstm = randomCase({ cell: "lstm", loss: "linear", hidden: 2, input: 3, steps: 3, seed: 7 });

beforeAll(async () => {
  await grad("--help"); // builds the CLI bundle once, before the parallel calls below
});

describe("new numbers by seed", () => {
  it("--seed N prints the numbers of the case drawn from seed N, and --print-case that case", async () => {
    const file = caseFile("seeded.json", lstm);
    const drawn = await grad("--seed", "42", "--print-case", file);
    expect(drawn.code).toBe(0);
    expect(JSON.parse(drawn.stdout)).toEqual(drawCase(lstm, 42));
    const numbers = await grad("--seed=42", file);
    expect(JSON.parse(numbers.stdout)).toEqual(JSON.parse(JSON.stringify(evaluateCase(parseCase(drawCase(lstm, 42))))));
    expect(JSON.parse(numbers.stdout)).not.toEqual(JSON.parse(JSON.stringify(evaluateCase(parseCase(lstm)))));
    expect(JSON.parse((await grad("--print-case", file)).stdout)).toEqual(lstm);
  });

  it("a seed that is not a whole number from 1 up is a usage error", async () => {
    for (const seed of ["0", "-3", "1.5", "many"]) {
      const out = await grad("--seed", seed, caseFile("s.json", lstm));
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toMatch(/--seed: expected a whole number from 1/);
    }
  });
});

describe("a good case", () => {
  it("prints one JSON object with the contract's fields, exit 0, nothing on stderr", async () => {
    const out = await grad(caseFile("good.json", lstm));
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["loss", "h", "c", "gates", "deltas", "grads"]);
    expect(Object.keys(json.gates)).toEqual(["i", "f", "g", "o"]);
    expect(Object.keys(json.deltas)).toEqual(["h", "c", "i", "f", "g", "o"]);
    expect(Object.keys(json.grads)).toEqual(["weight_ih", "weight_hh", "bias_ih", "bias_hh", "x", "h0", "c0"]);
    // The CLI adds no rounding: its numbers are the module's, to the last bit.
    expect(json).toEqual(JSON.parse(JSON.stringify(evaluateCase(parseCase(lstm)))));
  });

  it("an RNN case has a and no c, gates or c0", async () => {
    const rnn = randomCase({ cell: "rnn", loss: "mse", hidden: 2, input: 1, steps: 2, seed: 8 });
    const json = JSON.parse((await grad(caseFile("rnn.json", rnn))).stdout);
    expect(Object.keys(json)).toEqual(["loss", "h", "deltas", "grads"]);
    expect(Object.keys(json.deltas)).toEqual(["h", "a"]);
    expect(json.grads.c0).toBeUndefined();
  });

  it("a GRU case has gates r, z, n, their deltas, and no c or c0", async () => {
    const gru = randomCase({ cell: "gru", loss: "linear", hidden: 2, input: 3, steps: 3, seed: 9, withInitialState: true });
    const out = await grad(caseFile("gru.json", gru));
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["loss", "h", "gates", "deltas", "grads"]);
    expect(Object.keys(json.gates)).toEqual(["r", "z", "n"]);
    expect(Object.keys(json.deltas)).toEqual(["h", "r", "z", "n"]);
    expect(Object.keys(json.grads)).toEqual(["weight_ih", "weight_hh", "bias_ih", "bias_hh", "x", "h0"]);
    expect(json.grads.weight_hh).toHaveLength(6);
    const md = await grad("--format", "md", caseFile("gru-md.json", gru));
    expect(md.stdout).toContain("| t | h | r | z | n |");
  });

  it("--format md prints the same numbers as Markdown tables", async () => {
    const out = await grad("--format", "md", caseFile("md.json", lstm));
    expect(out.code).toBe(0);
    const json = evaluateCase(parseCase(lstm));
    expect(out.stdout).toContain("| t | h | c | i | f | g | o |");
    expect(out.stdout).toContain(`**L = ${Number(json.loss.toPrecision(6))}**`);
    expect(out.stdout).toContain("### ∂L/∂weight_ih");
    // Each table row has as many cells as its header.
    const tables = out.stdout.split("\n").filter((l) => l.startsWith("|"));
    expect(tables.length).toBeGreaterThan(10);
  });

  it("reads the case from standard input with -", async () => {
    const child = execFile("npm", ["run", "--silent", "grad", "--", "-"], { encoding: "utf8" });
    child.stdin!.end(JSON.stringify(lstm));
    const stdout = await new Promise<string>((resolve) => {
      let text = "";
      child.stdout!.on("data", (d) => (text += d));
      child.on("close", () => resolve(text));
    });
    expect(JSON.parse(stdout).loss).toBe(evaluateCase(parseCase(lstm)).loss);
  });
});

describe("bad input: exit ≠ 0, empty stdout, one line on stderr naming the problem", () => {
  const bad: [string, string, string][] = [
    ["wrong shape", JSON.stringify({ ...lstm, params: { ...lstm.params, weight_ih: lstm.params.weight_ih.map((r) => r.slice(0, 2)) } }), "params.weight_ih: expected 8 rows of 3, got 8 rows of 2"],
    ["not a number", JSON.stringify({ ...lstm, x: [[1, 2, 3], [4, "five", 6], [7, 8, 9]] }), "x[1][1]: not a finite number"],
    ["unknown cell", JSON.stringify({ ...lstm, cell: "elman" }), `cell: expected "lstm", "gru" or "rnn", got "elman"`],
    ["a GRU's weight_hh a row short", JSON.stringify({ ...lstm, cell: "gru", params: { ...lstm.params, weight_hh: lstm.params.weight_hh.slice(0, 5) } }), "params.weight_hh: expected 6 rows of 2, got 5 rows of 2"],
    ["bad loss", JSON.stringify({ ...lstm, loss: { kind: "mse" } }), "loss.target: missing"],
    ["not JSON", "{ cell: lstm", "not valid JSON"],
  ];
  it.each(bad)("%s", async (name, content, message) => {
    const out = await grad(caseFile(`${name.replace(/ /g, "-")}.json`, content));
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(out.stderr).toContain(message);
  });

  it("a missing file", async () => {
    const out = await grad(path.join(dir, "nope.json"));
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/nope\.json: cannot read/);
  });

  it("no file at all is a usage error with exit 2", async () => {
    const out = await grad();
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("missing the case file");
  });
});
