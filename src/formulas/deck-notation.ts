// A deck's notation (slides/notation.ts, `@deck/notation`) ready for checking: each table
// compiled on first use, once, with the deck's macros; a table that is missing or cannot be
// read is a NotationProblem, said once by whoever asks first.
import type { FunctionName, Notation, NotationTable } from "../author/notation.ts";
import { compileNotation, NotationError, type CompiledNotation } from "./notation-table.ts";

/** The elementwise functions a notation table may name. */
const FUNCTION_NAMES: readonly FunctionName[] = ["sigmoid", "sigmoid'", "tanh", "tanh'", "exp", "log", "sqrt", "abs"];

export type TableKind = "cells" | "examples";

/** Why a table cannot be used: it is not there, or it has errors (`errors`, reported once). */
export interface NotationProblem {
  problem: string;
  /** the table's own errors, when it has some */
  errors?: string;
}

export class DeckNotation {
  private readonly tables = new Map<string, CompiledNotation | NotationProblem>();

  constructor(
    readonly source: Notation,
    /** the deck's KaTeX macros (front matter) */
    readonly macros: Readonly<Record<string, string>>,
    /** where the notation is written, for messages (slides/notation.ts) */
    readonly file: string,
  ) {}

  /** the order \prod multiplies in */
  get product(): Notation["product"] {
    return this.source.product ?? "later-left";
  }

  /** The table of one kind of case (cells.lstm) or of one example (examples.ID). */
  table(kind: TableKind, name: string): CompiledNotation | NotationProblem {
    const key = `${kind}.${name}`;
    let table = this.tables.get(key);
    if (!table) {
      const written = this.source[kind]?.[name];
      if (!written) table = { problem: `${this.file} has no table ${key}` };
      else {
        try {
          table = compileNotation(written, { ...this.macros });
        } catch (error) {
          table = { problem: `the table ${key} in ${this.file} has errors`, errors: `${key}: ${(error as Error).message}` };
        }
      }
      this.tables.set(key, table);
    }
    return table;
  }
}

export function isNotationProblem(table: CompiledNotation | NotationProblem): table is NotationProblem {
  return "problem" in table;
}

/** A notation module's default export, checked to be a notation (the shape @deck/notation
 * types): it comes from the deck's own code, through a worker. */
export function readNotation(value: unknown): Notation {
  const record = (v: unknown, what: string): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new NotationError(`${what}: expected an object, got ${v === null ? "null" : Array.isArray(v) ? "an array" : typeof v}`);
    return v as Record<string, unknown>; // checked just above: a plain object
  };
  const root = record(value, "the notation module's default export (export default defineNotation({…}))");
  const tables = (key: "cells" | "examples"): Record<string, NotationTable> => {
    const found = root[key] === undefined ? {} : record(root[key], key);
    return Object.fromEntries(Object.entries(found).map(([name, table]) => [name, readTable(record(table, `${key}.${name}`), `${key}.${name}`)]));
  };
  const product = root.product ?? "later-left";
  if (product !== "later-left" && product !== "as-written") throw new NotationError(`product: expected "later-left" or "as-written", got ${JSON.stringify(product)}`);
  return { cells: tables("cells"), examples: tables("examples"), product };
}

function readTable(table: Record<string, unknown>, where: string): NotationTable {
  const strings = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) throw new NotationError(`${where}.${what}: expected a list of strings`);
    return v;
  };
  const map = (v: unknown, what: string): Record<string, string> => {
    if (typeof v !== "object" || v === null || !Object.values(v).every((s) => typeof s === "string")) throw new NotationError(`${where}.${what}: expected an object of strings`);
    return v as Record<string, string>; // every value checked just above
  };
  const functions = map(table.functions ?? {}, "functions");
  for (const [tex, fn] of Object.entries(functions)) {
    if (!FUNCTION_NAMES.includes(fn as FunctionName)) throw new NotationError(`${where}.functions["${tex}"]: unknown function "${fn}" (known: ${FUNCTION_NAMES.join(", ")})`);
  }
  const boundaries = table.boundaries ?? {};
  if (typeof boundaries !== "object" || boundaries === null) throw new NotationError(`${where}.boundaries: expected an object`);
  return {
    indices: strings(table.indices ?? [], "indices"),
    symbols: map(table.symbols ?? {}, "symbols"),
    functions: functions as Record<string, FunctionName>, // each checked against FUNCTION_NAMES above
    boundaries: boundaries as NotationTable["boundaries"], // read as the checker uses them (before: a name, after: "zero")
    ...(table.wildcard === undefined ? {} : { wildcard: strings(table.wildcard, "wildcard") }),
  };
}
