// One-token mutations of a formula's TeX, the slips published derivations are known for: a
// time index off by one, ⊙ and + swapped, a transpose dropped, two gates' letters swapped,
// a product's order reversed.

export interface Mutant {
  kind: string;
  /** what changed, for the report */
  change: string;
  tex: string;
}

const GATES = ["z", "i", "f", "o"];
const GRU_GATES = ["r", "z", "n"];

function replaceAt(tex: string, at: number, length: number, by: string): string {
  return tex.slice(0, at) + by + tex.slice(at + length);
}

export function mutants(tex: string): Mutant[] {
  const out: Mutant[] = [];
  const add = (kind: string, at: number, from: string, to: string): void => {
    out.push({ kind, change: `${from} → ${to} at ${at}`, tex: replaceAt(tex, at, from.length, to) });
  };
  // time indices in superscripts: t → t±1, t-1 → t, t+1 → t (likewise k and j)
  for (const m of tex.matchAll(/\^\{([tkj])([+-]1)?\}/g)) {
    const at = m.index! + 2;
    const index = m[1] + (m[2] ?? "");
    if (m[2]) add("time index", at, index, m[1]);
    else {
      add("time index", at, index, `${m[1]}+1`);
      add("time index", at, index, `${m[1]}-1`);
    }
  }
  for (const m of tex.matchAll(/\\odot/g)) add("⊙ ↔ +", m.index!, "\\odot", "+");
  for (const m of tex.matchAll(/(?<=[}\s)]) \+ /g)) add("⊙ ↔ +", m.index! + 1, "+", "\\odot");
  for (const m of tex.matchAll(/\^\{?\\top\}?/g)) add("dropped ᵀ", m.index!, m[0], "");
  // a gate's letter: \bar{\mathbf{f}}, \mathbf{f}^, W_f, R_f, \mathbf{b}_f
  for (const m of tex.matchAll(/(\\bar\{\\mathbf\{|\\mathbf\{|[WR]_|\\mathbf\{b\}_)([zifo])\b/g)) {
    const letter = m[2];
    const other = GATES[(GATES.indexOf(letter) + 1) % GATES.length];
    add("gate letters", m.index! + m[1].length, letter, other);
  }
  // a GRU gate's letter: W_{ir}, W_{hz}, \mathbf{b}_{hn}, \bar{\mathbf{n}}
  for (const m of tex.matchAll(/(W_\{[ih]|\\mathbf\{b\}_\{[ih]|\\bar\{\\mathbf\{)([rzn])\b/g)) {
    const letter = m[2];
    add("gate letters", m.index! + m[1].length, letter, GRU_GATES[(GRU_GATES.indexOf(letter) + 1) % GRU_GATES.length]);
  }
  // a product's order: \prod_{j=a}^{b} → \prod_{j=b}^{a}
  for (const m of tex.matchAll(/\\prod_\{(\w)=([^{}]+)\}\^\{([^{}]+)\}/g)) {
    out.push({ kind: "product order", change: `${m[0]} limits swapped`, tex: replaceAt(tex, m.index!, m[0].length, `\\prod_{${m[1]}=${m[3]}}^{${m[2]}}`) });
  }
  return out;
}
