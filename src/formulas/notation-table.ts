// A notation table (src/author/notation.ts) made ready for lookups: every key parsed with
// KaTeX and spelled canonically, its index slots apart, so that `\mathbf{c}^{t}` in the
// table matches `\mathbf{c}^{t-1}` on a slide with t := t − 1.
import type { Boundary, FunctionName, NotationTable } from "../author/notation.ts";
import { parseIndex, sameIndex, substitute, type Linear } from "./index-expr.ts";
import { canon, parseTex } from "./tex-tree.ts";

interface Pattern {
  /** the key as written in the table */
  tex: string;
  /** per index slot: an index expression over the table's variables, or literal text */
  slots: (Linear | string)[];
  ref: { name: string; indices: Linear[] };
}

export interface CompiledNotation {
  indices: ReadonlySet<string>;
  patterns: ReadonlyMap<string, readonly Pattern[]>;
  functions: ReadonlyMap<string, FunctionName>;
  boundaries: Readonly<Record<string, Boundary>>;
  wildcard: readonly string[];
  /** single letters bound to a value of the same name (n in \sum_{j=1}^{n}) */
  constants: readonly string[];
}

/** A symbol of a formula, bound: the value's name and its indices over the formula's own
 * index variables. */
export interface BoundSymbol {
  name: string;
  indices: Linear[];
}

/** A key the table cannot read, with why. */
export class NotationError extends Error {}

function parseRef(ref: string, indices: ReadonlySet<string>, key: string): Pattern["ref"] {
  const m = /^([\w.']+)((?:\[[^\]]+\])*)$/.exec(ref);
  if (!m) throw new NotationError(`"${key}": "${ref}" is not a value reference like c[t] or grads.weight_hh`);
  const forms = [...m[2].matchAll(/\[([^\]]+)\]/g)].map(([, text]) => {
    const form = parseIndex(text, indices);
    if (!form) throw new NotationError(`"${key}": index "${text}" of "${ref}" is not index arithmetic over ${[...indices].join(", ")}`);
    return form;
  });
  return { name: m[1], indices: forms };
}

export function compileNotation(table: NotationTable, macros: Record<string, string>): CompiledNotation {
  const indices = new Set(table.indices);
  const patterns = new Map<string, Pattern[]>();
  for (const [tex, ref] of Object.entries(table.symbols)) {
    const slots: string[] = [];
    let key: string;
    try {
      key = canon(parseTex(tex, macros), slots);
    } catch (error) {
      throw new NotationError(`"${tex}": ${(error as Error).message}`);
    }
    const pattern: Pattern = { tex, slots: slots.map((s) => parseIndex(s, indices) ?? s), ref: parseRef(ref, indices, tex) };
    patterns.set(key, [...(patterns.get(key) ?? []), pattern]);
  }
  const functions = new Map<string, FunctionName>();
  for (const [tex, fn] of Object.entries(table.functions)) functions.set(canon(parseTex(tex, macros)), fn);
  const constants = Object.entries(table.symbols).filter(([tex, ref]) => /^[A-Za-z]$/.test(tex) && ref === tex).map(([tex]) => tex);
  return { indices, patterns, functions, boundaries: table.boundaries, wildcard: table.wildcard ?? [], constants };
}

/** A pattern slot that is one variable: `t`, not `t-1` or `0`. */
function loneVariable(form: Linear): string | undefined {
  const names = Object.keys(form.terms).filter((n) => form.terms[n] !== 0);
  return form.constant === 0 && names.length === 1 && form.terms[names[0]] === 1 && names[0] !== "T" ? names[0] : undefined;
}

/** Binds a formula's symbol (its canonical key and its index slots as written) to a value,
 * or says why not. */
export function bindSymbol(notation: CompiledNotation, key: string, slots: readonly string[]): BoundSymbol | { miss: "key" | "index"; near: string[] } {
  const candidates = notation.patterns.get(key) ?? [];
  for (const pattern of candidates) {
    if (pattern.slots.length !== slots.length) continue;
    const bindings: Record<string, Linear> = {};
    const forms = slots.map((s) => parseIndex(s, notation.indices));
    let ok = pattern.slots.every((p, k) => {
      if (typeof p === "string") return p === slots[k];
      const variable = loneVariable(p);
      if (variable && forms[k] && !bindings[variable]) bindings[variable] = forms[k]!;
      return forms[k] !== undefined;
    });
    ok &&= pattern.slots.every((p, k) => typeof p === "string" || sameIndex(substitute(p, bindings), forms[k]!));
    if (ok) return { name: pattern.ref.name, indices: pattern.ref.indices.map((f) => substitute(f, bindings)) };
  }
  return { miss: candidates.length > 0 ? "index" : "key", near: candidates.map((p) => p.tex) };
}
