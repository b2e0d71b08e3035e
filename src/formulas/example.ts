// What a formula is checked on: its example's numbers by the notation's names, how many
// time steps they run over, and the step the example shows. Made from an example slide's
// record and, for a case, the case's values as the notation names them.
import type { ExampleRecord } from "../author/snippet.ts";
import type { TableKind } from "./deck-notation.ts";

/** A case's numbers by the notation's names (its `values(json)`), with its cell kind and its
 * number of time steps. */
export interface NamedCase {
  cell: string;
  steps: number;
  named: Readonly<Record<string, unknown>>;
}

export interface FormulaExample {
  /** the example slide's id */
  id: string;
  /** which table of the notation reads it: the case's cell kind, or the example's own */
  table: { kind: TableKind; name: string };
  values: Readonly<Record<string, unknown>>;
  /** its number of time steps (0: not about a sequence) */
  steps: number;
  /** the step it shows — its t, and any other index it fixes (the symbols show their
   * values there) */
  indices: Readonly<Record<string, number>>;
}

/** The example slide `id` with `record`; `named` is its case's numbers, when it is about one. */
export function formulaExample(id: string, record: ExampleRecord, named?: NamedCase): FormulaExample {
  const indices = { ...record.at, ...(record.t === undefined ? {} : { t: record.t }) };
  if (named) return { id, table: { kind: "cells", name: named.cell }, values: named.named, steps: named.steps, indices };
  // an example that is not about a case may still run over time steps: its record's `steps`
  const values = { ...record.given, ...record.values };
  return { id, table: { kind: "examples", name: id }, values, steps: record.steps ?? 0, indices };
}
