// What travels between the compiler and the snippet worker: snippets to run, and the two
// typed calls the deck's examples need — a case evaluated with src/grad (and named by the
// notation table), and the notation table itself.
import type { Notation } from "../../author/notation.ts";

/** A ```ts run fence found in a chapter. */
export interface SnippetSource {
  /** `file:line` of the fence line */
  key: string;
  /** project-relative chapter path */
  file: string;
  /** 1-based line of the opening fence */
  line: number;
  code: string;
}

export interface WorkerError {
  message: string;
  line: number;
  col: number;
}

export type SnippetOutcome = { ok: true; value: unknown; deps: string[] } | { ok: false; error: WorkerError; deps: string[] };

/** A case file run forward and backward by src/grad. */
export interface CaseEvaluation {
  /** the case file as it reads */
  json: unknown;
  cell: string;
  /** its number of time steps */
  steps: number;
  /** the routes its cell's backward pass can leave out (src/grad/routes.ts) */
  routes: string[];
  /** the grad CLI's output for it (docs/DESIGN.md): loss, h, c, gates, deltas, grads */
  output: Readonly<Record<string, unknown>>;
  /** its numbers by the notation's names (the notation's `values(json)`), when the deck has a
   * notation table */
  named?: Readonly<Record<string, unknown>>;
}

/** A typed call's answer: what was asked for, or why not; and the files it read. */
export type WorkerOutcome<T> = { ok: true; value: T; deps: string[] } | { ok: false; message: string; deps: string[] };

export type WorkerRequest =
  | { type: "run"; id: number; modulePath: string; code: string }
  /** project-relative paths: the case file, and the notation module that names its numbers */
  | { type: "case"; id: number; caseFile: string; notationFile?: string }
  | { type: "notation"; id: number; notationFile: string }
  | { type: "invalidate" };

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; ok: true; value: unknown; deps: string[] }
  | { type: "result"; id: number; ok: false; message: string; stack: string; deps: string[] }
  | { type: "case"; id: number; outcome: WorkerOutcome<CaseEvaluation> }
  | { type: "notation"; id: number; outcome: WorkerOutcome<Notation> };

/** What the worker process is started with (its first argument, as JSON). */
export interface SnippetWorkerSetup {
  root: string;
  aliases: Record<string, string>;
}
