// A deck's notation (slides/notation.ts, `@deck/notation`) ready for checking: each table
// compiled on first use, once, with the deck's macros; a table that is missing or cannot be
// read is a NotationProblem, said once by whoever asks first.
import type { Notation } from "../author/notation.ts";
import { compileNotation, type CompiledNotation } from "./notation-table.ts";

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
