// The grad CLI (docs/DESIGN.md contract): one case file in, one JSON object out. On a bad case:
// exit 1, nothing on stdout, one line on stderr naming the field. Kept free of process
// globals so tests can run it in-process; scripts/grad.ts wires it to the real process.
import { CaseError, drawCase, evaluateCase, isSeed, MAX_SEED, parseCase, type CaseResult } from "../grad/index.ts";
import { gradMarkdown } from "./grad-markdown.ts";
import { formatJson } from "./json-format.ts";

export interface CliIo {
  readText(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const GRAD_USAGE = `usage: npm run --silent grad -- [--format json|md] [--seed N [--print-case]] <case.json | ->

Runs a recurrent-network case (the case format in docs/DESIGN.md: an "rnn", "lstm" or "gru" cell, its
parameters, inputs x and a loss) forward and backward with src/grad and prints the
loss, the states, the deltas and every gradient.

  --format json   one JSON object (default)
  --format md     the same numbers as Markdown tables
  --seed N        new numbers: the case drawn like the file's from seed N (1 … ${MAX_SEED}), as
                  an exercise's "new numbers" draws it in the deck
  --print-case    print the case itself (with --seed, the drawn one) instead of its numbers
  -               read the case from standard input
  -h, --help      this text

Exit status: 0 on success, 1 on a malformed case (one line on stderr names the field),
2 on a usage error.
`;

type Parsed = { kind: "help" } | { kind: "run"; file: string; format: "json" | "md"; seed?: number; printCase: boolean };

function parseArgs(args: readonly string[]): Parsed | string {
  let format: "json" | "md" = "json";
  let file: string | undefined;
  let seed: number | undefined;
  let printCase = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === "-h" || a === "--help") return { kind: "help" };
    if (a === "--print-case") printCase = true;
    else if (a === "--seed" || a.startsWith("--seed=")) {
      const value = a === "--seed" ? args[++k] : a.slice("--seed=".length);
      if (!/^\d+$/.test(value ?? "") || !isSeed(Number(value))) return `--seed: expected a whole number from 1 to ${MAX_SEED}, got ${JSON.stringify(value ?? "")}`;
      seed = Number(value);
    } else if (a === "--format" || a.startsWith("--format=")) {
      const value = a === "--format" ? args[++k] : a.slice("--format=".length);
      if (value !== "json" && value !== "md") return `--format: expected "json" or "md", got ${JSON.stringify(value ?? "")}`;
      format = value;
    } else if (a.startsWith("-") && a !== "-") {
      return `unknown option ${a}`;
    } else if (file !== undefined) {
      return `expected one case file, got ${file} and ${a}`;
    } else {
      file = a;
    }
  }
  if (file === undefined) return "missing the case file";
  return { kind: "run", file, format, seed, printCase };
}

/** Runs the CLI; returns the exit status. */
export async function runGradCli(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`grad: ${parsed}\n${GRAD_USAGE.split("\n")[0]}\n`);
    return 2;
  }
  if (parsed.kind === "help") {
    io.stdout(GRAD_USAGE);
    return 0;
  }
  const source = parsed.file === "-" ? "<stdin>" : parsed.file;
  let text: string;
  try {
    text = await io.readText(parsed.file);
  } catch (error) {
    io.stderr(`${source}: cannot read: ${(error as Error).message}\n`);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`${source}: not valid JSON: ${oneLine((error as Error).message)}\n`);
    return 1;
  }
  try {
    const c = parseCase(json);
    const drawn = parsed.seed === undefined ? json : drawCase(json, parsed.seed);
    if (parsed.printCase) {
      io.stdout(formatJson(drawn) + "\n");
      return 0;
    }
    const result = evaluateCase(parsed.seed === undefined ? c : parseCase(drawn));
    const overflow = firstNonFinite(result);
    if (overflow) {
      io.stderr(`${overflow}: the result is not finite (overflow); use smaller inputs or weights\n`);
      return 1;
    }
    io.stdout(parsed.format === "md" ? gradMarkdown(c, result, source) : formatJson(result) + "\n");
    return 0;
  } catch (error) {
    if (error instanceof CaseError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}

/** The path of the first non-finite number in the result, e.g. "deltas.c[2][0]". */
function firstNonFinite(result: CaseResult): string | undefined {
  const visit = (v: unknown, path: string): string | undefined => {
    if (typeof v === "number") return Number.isFinite(v) ? undefined : path;
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const hit = visit(v[k], `${path}[${k}]`);
        if (hit) return hit;
      }
    } else if (typeof v === "object" && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        const hit = visit(child, path ? `${path}.${key}` : key);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return visit(result, "");
}
