// The snippet worker's two typed calls for the deck's examples. A case file is evaluated
// with src/grad, loaded through the worker's module runner like any snippet import (so the
// compiler never imports src/grad, and an edit to a case or to src/grad is seen), and named
// by the notation table's `values(json)`; the notation table is read and checked.
import { readNotation } from "../../formulas/deck-notation.ts";
import type { Notation } from "../../author/notation.ts";
import type { CaseEvaluation } from "./types.ts";

/** What a call may answer, before the worker adds the files it read. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface CaseCallContext {
  /** a module's exports, through the runner */
  importModule(file: string): Promise<Readonly<Record<string, unknown>>>;
  /** the file of the gradient module's entry (the `@grad` alias) */
  grad: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as a function of one argument, or an error naming `what`. */
function unary(value: unknown, what: string): (arg: unknown) => unknown {
  if (typeof value !== "function") throw new Error(`${what} is not a function`);
  return (arg) => Reflect.apply(value, undefined, [arg]) as unknown;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function evaluateCaseFile(caseFile: string, notationFile: string | undefined, context: CaseCallContext): Promise<CallOutcome<CaseEvaluation>> {
  try {
    const grad = await context.importModule(context.grad);
    const json = (await context.importModule(caseFile)).default;
    const parsed = unary(grad.parseCase, "@grad's parseCase")(json);
    const output = unary(grad.evaluateCase, "@grad's evaluateCase")(parsed);
    if (!isRecord(output) || !isRecord(parsed) || typeof parsed.cell !== "string" || !Array.isArray(output.h)) throw new Error("@grad's evaluateCase gave no hidden states");
    const routes = isRecord(grad.ROUTES) ? grad.ROUTES[parsed.cell] : undefined;
    const evaluation: CaseEvaluation = { json, cell: parsed.cell, steps: output.h.length, output, routes: Array.isArray(routes) ? routes.map(String) : [] };
    if (notationFile) {
      const notation = (await context.importModule(notationFile)).default;
      const values = isRecord(notation) ? notation.values : undefined;
      if (values !== undefined) {
        const named = unary(values, "the notation's values")(json);
        if (!isRecord(named)) throw new Error("the notation's values(json) must return an object of numbers by name");
        evaluation.named = named;
      }
    }
    return { ok: true, value: evaluation };
  } catch (error) {
    return { ok: false, message: message(error) };
  }
}

export async function loadNotation(file: string, context: Pick<CaseCallContext, "importModule">): Promise<CallOutcome<Notation>> {
  try {
    return { ok: true, value: readNotation((await context.importModule(file)).default) };
  } catch (error) {
    return { ok: false, message: message(error) };
  }
}
