// Diagnostics: every problem the compiler finds is `file:line:col: message`. The compiler
// collects them; the build fails when any is an error, the dev server shows them.

export type Severity = "error" | "warning";

export interface SourceLocation {
  /** path relative to the project root, with forward slashes (e.g. slides/02-chain.md) */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
}

export interface Diagnostic extends SourceLocation {
  severity: Severity;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;
}

/** Collects diagnostics in the order they are found; the same one twice is kept once. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** every report, the repeats too: whether some work reported anything (see CompileCache) */
  reports = 0;

  error(at: SourceLocation, message: string): void {
    this.add({ ...at, severity: "error", message });
  }

  warning(at: SourceLocation, message: string): void {
    this.add({ ...at, severity: "warning", message });
  }

  private add(d: Diagnostic): void {
    this.reports++;
    const key = formatDiagnostic(d);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
  }

  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === "error");
  }

  get warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity === "warning");
  }
}

/** Thrown by the build when the deck has errors; carries all of them. */
export class DeckError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "DeckError";
  }
}
