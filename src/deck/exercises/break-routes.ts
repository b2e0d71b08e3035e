// "Break a route": the backward pass with some routes left out (src/grad's own option), held
// against finite differences of the loss — how far each delta is off, at which time step —
// so that a student sees why every route of the derivation is needed.
import { evaluateCase, parseCase, routesOf, totalDerivative, type Case } from "../../grad/index.ts";

/** The largest relative difference of `got` from central differences over step t's entries. */
function offAt(c: Case, got: number[], quantity: "h" | "c", t: number): number {
  const fd = got.map((_, k) => totalDerivative(c, quantity, t, k));
  const scale = Math.max(...fd.map(Math.abs), 1e-12);
  return Math.max(...got.map((g, k) => Math.abs(g - fd[k]))) / scale;
}

const percent = (x: number): string => (x >= 0.001 ? `${x >= 0.1 ? Math.round(x * 100) : (x * 100).toPrecision(2)} %` : `${x.toExponential(0)}`);

/** What leaving `drop` out does to the deltas of the case `json`, in words. */
export function breakRoutesReport(json: unknown, drop: readonly string[]): string {
  const c = parseCase(json);
  const result = evaluateCase(c, { drop: routesOf(c.cell, drop) });
  const quantities: { name: string; rows: number[][]; quantity: "h" | "c" }[] = [{ name: c.cell === "lstm" ? "δy" : "δh", rows: result.deltas.h, quantity: "h" }];
  if (c.cell === "lstm" && result.deltas.c) quantities.push({ name: "δc", rows: result.deltas.c, quantity: "c" });
  const lines = quantities.map(({ name, rows, quantity }) => {
    const off = rows.map((row, t) => offAt(c, row, quantity, t));
    const wrong = off.map((x, t) => [x, t] as const).filter(([x]) => x > 1e-6);
    const right = off.map((x, t) => [x, t] as const).filter(([x]) => x <= 1e-6).map(([, t]) => t);
    if (wrong.length === 0) return `${name} matches finite differences at every step (to ${percent(Math.max(...off))}).`;
    const agree = right.length ? `; at t = ${right.join(", ")} it still agrees` : "";
    return `${name} is off from finite differences by ${wrong.map(([x, t]) => `${percent(x)} at t = ${t}`).join(", ")}${agree}.`;
  });
  return `${drop.length ? "Without that route: " : "Every route kept: "}${lines.join(" ")}`;
}
