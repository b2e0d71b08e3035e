// A display formula's rows cut into relations: pieces apart at top-level `,`, \quad,
// \qquad, \Rightarrow and text (annotations), each piece a chain a = b = c or a ≤ b whose
// operands the expression parser reads.
import { FormulaError, type Expr, type ExpressionParser } from "./expression.ts";
import { delimiter, splice, type TexNode } from "./tex-tree.ts";

const SEPARATOR_SPACES: ReadonlySet<string> = new Set(["\\quad", "\\qquad"]);
/** The relations a formula may state, by KaTeX's spelling → the checker's. */
export const RELATIONS: ReadonlyMap<string, string> = new Map([["=", "="], ["\\leq", "\\leq"], ["\\le", "\\leq"], ["\\geq", "\\geq"], ["\\ge", "\\geq"], ["<", "<"], [">", ">"], ["\\approx", "\\approx"]]);
/** between two relations of one row (KaTeX spells \implies and \iff as the long arrows) */
const IMPLIES: ReadonlySet<string> = new Set(["\\Rightarrow", "\\Longrightarrow", "\\Leftrightarrow", "\\Longleftrightarrow"]);

function isSeparator(n: TexNode): boolean {
  return (n.type === "atom" && n.family === "punct" && n.text === ",") || (n.type === "spacing" && SEPARATOR_SPACES.has(String(n.text))) || (n.type === "atom" && IMPLIES.has(String(n.text))) || n.type === "text";
}

/** A row of a display formula cut into its pieces at top-level separators: `,`, \quad,
 * \qquad, \Rightarrow and text (an annotation). Each piece is one relation chain. */
export function splitPieces(nodes: readonly TexNode[]): TexNode[][] {
  const pieces: TexNode[][] = [[]];
  let depth = 0;
  for (const n of splice(nodes)) {
    const d = delimiter(n);
    if (d) depth += d.side === "open" ? 1 : -1;
    if (depth === 0 && isSeparator(n)) pieces.push([]);
    else pieces[pieces.length - 1].push(n);
  }
  return pieces.filter((p) => p.some((n) => n.type !== "spacing" && n.type !== "kern"));
}

export interface Relation {
  operands: Expr[];
  /** between operands: "=", "\\leq", … */
  relations: string[];
  nodes: TexNode[];
  /** the left side's nodes (named in messages) */
  left: TexNode[];
}

/** One piece (a relation chain a = b = c, or a ≤ b) parsed. */
export function parseRelation(piece: readonly TexNode[], parser: ExpressionParser): Relation {
  const operands: TexNode[][] = [[]];
  const relations: string[] = [];
  let depth = 0;
  for (const n of piece) {
    const d = delimiter(n);
    if (d) depth += d.side === "open" ? 1 : -1;
    if (depth === 0 && n.type === "atom" && n.family === "rel") {
      if (!RELATIONS.has(String(n.text))) throw new FormulaError(`the relation ${String(n.text)} is not supported (supported: =, ≤, ≥, <, >, ≈)`, [n]);
      relations.push(RELATIONS.get(String(n.text))!);
      operands.push([]);
    } else operands[operands.length - 1].push(n);
  }
  if (relations.length === 0) throw new FormulaError("not an equation or inequality: nothing to check (mark it data-unchecked=\"why\" if that is meant)", [...piece]);
  return { operands: operands.map((o) => parser.parse(o)), relations, nodes: [...piece], left: operands[0] };
}

