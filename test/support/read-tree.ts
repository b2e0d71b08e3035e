// A folder's files as a map (relative path → contents), and where two such maps differ.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** "" when both trees hold the same files with the same bytes; else the first difference,
 * with the text around it. */
export function firstTreeDifference(a: Map<string, Buffer>, b: Map<string, Buffer>): string {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const name of names) {
    const x = a.get(name);
    const y = b.get(name);
    if (!x || !y) return `${name}: only in the ${x ? "first" : "second"} output`;
    if (x.equals(y)) continue;
    let k = 0;
    while (k < x.length && x[k] === y[k]) k++;
    const around = (buf: Buffer): string => buf.subarray(Math.max(0, k - 120), k + 80).toString("utf8");
    return `${name} differs at byte ${k}:\n${around(x)}\n--- vs ---\n${around(y)}`;
  }
  return "";
}
