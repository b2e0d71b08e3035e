// What travels between the compiler and the snippet worker.

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

export type SnippetOutcome =
  | { ok: true; value: unknown; deps: string[] }
  | { ok: false; error: { message: string; line: number; col: number }; deps: string[] };

export type WorkerRequest =
  | { type: "run"; id: number; modulePath: string; code: string }
  | { type: "invalidate" };

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; ok: true; value: unknown; deps: string[] }
  | { type: "result"; id: number; ok: false; message: string; stack: string; deps: string[] };
