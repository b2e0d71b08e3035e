// How a script reports what went wrong: a deck error as its file:line:col lines, anything
// else (a bug of ours, a missing tool) as one line — the stack only with DECK_DEBUG set.
import { DeckError, formatDiagnostic } from "../../src/compile/diagnostics.ts";

/** Prints the failure; returns the exit status to use. */
export function reportFailure(command: string, error: unknown, after = ""): number {
  if (error instanceof DeckError) {
    for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    console.error(`${command} failed: ${error.diagnostics.length} error${error.diagnostics.length === 1 ? "" : "s"}${after}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${command} failed: ${message.split("\n")[0]}`);
  if (process.env.DECK_DEBUG) console.error(error);
  else console.error("(set DECK_DEBUG=1 to see where)");
  return 1;
}
