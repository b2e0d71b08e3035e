// Reading a list of KaTeX nodes left to right: the cursor and the small tests the
// expression parser asks of the node under it.
import { delimiter, type TexNode } from "./tex-tree.ts";

export interface Cursor {
  nodes: TexNode[];
  at: number;
}

export function peek(c: Cursor): TexNode | undefined {
  return c.nodes[c.at];
}

export function isAtom(n: TexNode | undefined, text: string): boolean {
  return n?.type === "atom" && n.text === text;
}

/** Two nodes written next to each other in the source (no space between them). */
export function adjacent(a: TexNode, b: TexNode): boolean {
  if (!a.loc || !b.loc || a.loc.lexer !== b.loc.lexer) return true;
  return a.loc.end === b.loc.start;
}

export function startsSymbol(n: TexNode): boolean {
  return ["mathord", "textord", "font", "accent", "supsub"].includes(n.type);
}

export function splitTopLevelCommas(nodes: TexNode[]): TexNode[][] {
  const parts: TexNode[][] = [[]];
  let depth = 0;
  for (const n of nodes) {
    const d = delimiter(n);
    if (d) depth += d.side === "open" ? 1 : -1;
    if (depth === 0 && n.type === "atom" && n.family === "punct" && n.text === ",") parts.push([]);
    else parts[parts.length - 1].push(n);
  }
  return parts;
}

