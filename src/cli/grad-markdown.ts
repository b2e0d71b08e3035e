// The grad CLI's `--format md`: the same numbers as the JSON, as Markdown tables a teacher
// can paste under a worked example. Time steps are 0-based, as in the JSON.
import type { Case, CaseResult } from "../grad/index.ts";

const DIGITS = 6;

function num(x: number): string {
  if (x === 0) return "0";
  const s = x.toPrecision(DIGITS);
  // toPrecision keeps trailing zeros ("0.500000"); drop them, keep exponents intact.
  return s.includes("e") ? s.replace(/\.?0+e/, "e") : s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function vec(v: readonly number[]): string {
  return v.length === 1 ? num(v[0]) : `[${v.map(num).join(", ")}]`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n");
}

/** One row per time step, one column per named [T][H] series. */
function perStep(series: readonly [string, number[][] | undefined][]): string {
  const present = series.filter((s): s is [string, number[][]] => s[1] !== undefined);
  const steps = present[0]?.[1].length ?? 0;
  const rows = Array.from({ length: steps }, (_, t) => [String(t), ...present.map(([, m]) => vec(m[t]))]);
  return table(["t", ...present.map(([name]) => name)], rows);
}

/** A matrix, rows labelled by index or by the given names. */
function matrixTable(m: readonly (readonly number[])[], rowNames?: readonly string[]): string {
  const cols = m[0]?.length ?? 0;
  return table(
    ["", ...Array.from({ length: cols }, (_, j) => String(j))],
    m.map((r, i) => [rowNames?.[i] ?? String(i), ...r.map(num)]),
  );
}

export function gradMarkdown(c: Case, r: CaseResult, source: string): string {
  const { steps, inputSize, hiddenSize } = c.sizes;
  const lossText =
    c.loss.kind === "linear" ? "linear, L = Σ_t dh_t · h_t" : "mse, L = Σ_t ½‖h_t − target_t‖²";
  const d = r.deltas;
  const g = r.grads;
  const parts = [
    `# Worked example: ${source}`,
    `${c.cell.toUpperCase()}, T = ${steps}, I = ${inputSize}, H = ${hiddenSize}; loss ${lossText}. ` +
      `Time steps are 0-based; deltas are total derivatives of L.`,
    `**L = ${num(r.loss)}**`,
    `## Forward pass`,
    perStep([
      ["h", r.h],
      ["c", r.c],
      ["i", r.gates?.i],
      ["f", r.gates?.f],
      ["g", r.gates?.g],
      ["o", r.gates?.o],
      ["r", r.gates?.r],
      ["z", r.gates?.z],
      ["n", r.gates?.n],
    ]),
    `## Deltas`,
    perStep([
      ["∂L/∂h", d.h],
      ["∂L/∂c", d.c],
      ["∂L/∂ī", d.i],
      ["∂L/∂f̄", d.f],
      ["∂L/∂ḡ", d.g],
      ["∂L/∂ō", d.o],
      ["∂L/∂r̄", d.r],
      ["∂L/∂z̄", d.z],
      ["∂L/∂n̄", d.n],
      ["∂L/∂a", d.a],
    ]),
    `## Gradients`,
    `### ∂L/∂weight_ih`,
    matrixTable(g.weight_ih),
    `### ∂L/∂weight_hh`,
    matrixTable(g.weight_hh),
    c.cell === "gru" ? `### ∂L/∂bias_ih and ∂L/∂bias_hh (equal but in the n block, whose hidden part r multiplies)` : `### ∂L/∂bias_ih and ∂L/∂bias_hh (equal: both biases enter the same sum)`,
    matrixTable([g.bias_ih, g.bias_hh], ["bias_ih", "bias_hh"]),
    `### ∂L/∂x (rows are time steps)`,
    matrixTable(g.x),
    `### ∂L/∂h0${g.c0 ? " and ∂L/∂c0" : ""}`,
    matrixTable(g.c0 ? [g.h0, g.c0] : [g.h0], ["h0", "c0"]),
  ];
  return parts.join("\n\n") + "\n";
}
