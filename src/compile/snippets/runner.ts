// Runs ```ts run snippets in a worker process (see worker.ts) with a time limit per snippet.
// A snippet over its limit gets the worker killed; the next snippet gets a new one. A process,
// not a thread: the memory it grew to (a Vite server, the snippets' modules) goes back to
// the system when it ends — a thread's would stay with the build's process.
import path from "node:path";
import { fork, type ChildProcess } from "node:child_process";
import { PACKAGE_ROOT } from "../../io/package-root.ts";
import { bundleWorker } from "../../io/worker-bundle.ts";
import { snippetModuleId } from "./identity.ts";
import type { Notation } from "../../author/notation.ts";
import type { CaseEvaluation, SnippetOutcome, SnippetSource, SnippetWorkerSetup, WorkerOutcome, WorkerReply, WorkerRequest } from "./types.ts";

/** Import names a snippet can use besides relative paths (tsconfig.json's `paths` list the
 * same names for the editor; a test keeps the two in step). */
export function snippetAliases(deckRoot: string): Record<string, string> {
  return {
    "@grad": path.join(PACKAGE_ROOT, "src/grad/index.ts"),
    "@deck/snippet": path.join(PACKAGE_ROOT, "src/author/snippet.ts"),
    "@deck/plot": path.join(PACKAGE_ROOT, "src/author/plot.ts"),
    "@deck/notation": path.join(PACKAGE_ROOT, "src/author/notation.ts"),
    "@/": deckRoot + "/",
  };
}

/** The worker as one ES module in the package's cache: built once by whoever owns the
 * services (the session), shared by its runners. */
export function bundleSnippetWorker(): Promise<string> {
  return bundleWorker("src/compile/snippets/worker.ts", "snippet-worker");
}

export class SnippetRunner {
  private worker: ChildProcess | undefined;
  private workerReady: Promise<void> | undefined;
  private nextId = 1;

  constructor(
    private readonly deckRoot: string,
    private readonly timeoutMs: () => number,
    /** the worker's bundle, asked for when the worker first starts */
    private readonly workerFile: () => Promise<string>,
    /** what the worker waits for before it starts (a build lets Chromium finish drawing
     * first: the two together hold more memory than either) */
    private readonly startAfter: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Start the worker now (it takes a few hundred ms), so it is ready when snippets come. */
  warmUp(): void {
    this.start().catch(() => undefined); // a failure shows again when a snippet runs
  }

  private start(): Promise<void> {
    this.workerReady ??= Promise.all([this.workerFile(), this.startAfter()]).then(
      ([file]) =>
        new Promise<void>((resolve, reject) => {
          const setup: SnippetWorkerSetup = { root: this.deckRoot, aliases: snippetAliases(this.deckRoot) };
          // structured clone for messages (typed arrays, Maps), as between threads
          const worker = fork(file, [JSON.stringify(setup)], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
          this.worker = worker;
          worker.once("message", () => resolve());
          worker.once("error", reject);
          worker.once("exit", () => reject(new Error("the snippet worker stopped as it started")));
        }),
    );
    return this.workerReady;
  }

  private stop(): void {
    this.worker?.kill("SIGKILL");
    this.worker = undefined;
    this.workerReady = undefined;
  }

  /** Forget cached imports: a source file a snippet may import has changed. */
  invalidate(): void {
    this.worker?.send({ type: "invalidate" } satisfies WorkerRequest);
  }

  /** Sends `request` and waits for its reply; `stopped` answers when the worker exits or the
   * time limit passes (the worker is then stopped: the next request gets a new one). */
  private async ask<T>(request: WorkerRequest & { id: number }, take: (reply: WorkerReply) => T | undefined, stopped: (why: string) => T): Promise<T> {
    await this.start();
    const worker = this.worker!;
    const limit = this.timeoutMs();
    return new Promise<T>((resolve) => {
      const onMessage = (reply: WorkerReply): void => {
        const answer = "id" in reply && reply.id === request.id ? take(reply) : undefined;
        if (answer === undefined) return;
        done();
        resolve(answer);
      };
      const onExit = (): void => {
        done();
        resolve(stopped("the snippet worker stopped unexpectedly"));
      };
      const timer = setTimeout(() => {
        done();
        this.stop();
        resolve(stopped(`ran longer than ${limit} ms and was stopped (snippetTimeoutMs in front matter sets the limit)`));
      }, limit);
      const done = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("exit", onExit);
      worker.send(request, (error) => error && onExit()); // a worker that is gone answers nothing
    });
  }

  run(snippet: SnippetSource): Promise<SnippetOutcome> {
    const modulePath = snippetModuleId(this.deckRoot, snippet);
    const fail = (message: string): SnippetOutcome => ({ ok: false, error: { message, line: snippet.line, col: 1 }, deps: [] });
    return this.ask<SnippetOutcome>(
      { type: "run", id: this.nextId++, modulePath, code: snippet.code },
      (reply) => {
        if (reply.type !== "result") return undefined;
        if (reply.ok) return { ok: true, value: reply.value, deps: reply.deps };
        return { ok: false, error: snippetError(reply.message, reply.stack, modulePath, snippet), deps: reply.deps };
      },
      (why) => fail(why.startsWith("ran") ? `the snippet ${why}` : why),
    );
  }

  /** A case file (project-relative) evaluated with src/grad, its numbers named by the
   * notation module when one is given. */
  evaluateCase(caseFile: string, notationFile?: string): Promise<WorkerOutcome<CaseEvaluation>> {
    return this.ask<WorkerOutcome<CaseEvaluation>>(
      { type: "case", id: this.nextId++, caseFile, ...(notationFile ? { notationFile } : {}) },
      (reply) => (reply.type === "case" ? reply.outcome : undefined),
      (why) => ({ ok: false, message: `evaluating ${caseFile}: ${why}`, deps: [] }),
    );
  }

  /** The deck's notation table (project-relative), read and checked in the worker. */
  loadNotation(notationFile: string): Promise<WorkerOutcome<Notation>> {
    return this.ask<WorkerOutcome<Notation>>(
      { type: "notation", id: this.nextId++, notationFile },
      (reply) => (reply.type === "notation" ? reply.outcome : undefined),
      (why) => ({ ok: false, message: `reading ${notationFile}: ${why}`, deps: [] }),
    );
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGKILL");
      await exited;
    }
    this.worker = undefined;
    this.workerReady = undefined;
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** What went wrong, in one line, at the chapter line and column it happened: a syntax
 * error where the parser stopped, a missing import at its import, anything thrown at the
 * first stack frame inside the snippet. The snippet's code starts on the line after its
 * fence. */
function snippetError(raw: string, stack: string, modulePath: string, snippet: SnippetSource): { message: string; line: number; col: number } {
  const message = raw.replace(ANSI, "");
  const at = (line: number, col: number) => ({ line: snippet.line + line, col });
  // Vite's transform error: "Transform failed … [PARSE_ERROR] Unexpected token ╭─[ file:L:C ]"
  const syntax = /\[([A-Z_]+)\]\s*([^\n]+)[\s\S]*?:(\d+):(\d+)\s*\]/.exec(message);
  if (syntax) return { message: `${syntax[2].trim()} (${syntax[1].toLowerCase().replace(/_/g, " ")})`, ...at(Number(syntax[3]), Number(syntax[4])) };
  const missing = /Failed to load url (\S+)/.exec(message);
  if (missing) {
    const specifier = missing[1];
    const lines = snippet.code.split("\n");
    const k = lines.findIndex((l) => l.includes(`"${specifier}"`) || l.includes(`'${specifier}'`));
    const where = k >= 0 ? at(k + 1, lines[k].indexOf(specifier)) : at(0, 1);
    return { message: `cannot import "${specifier}": no such module (relative paths start from ${path.posix.dirname(snippet.file)}/)`, ...where };
  }
  return { message: message.split("\n")[0], ...locateInSnippet(stack, modulePath, snippet.line) };
}

/** The chapter line and column of the first stack frame inside the snippet. The snippet's
 * code starts on the line after its fence. */
function locateInSnippet(stack: string, modulePath: string, fenceLine: number): { line: number; col: number } {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return { line: fenceLine, col: 1 };
  return { line: fenceLine + Number(m[1]), col: Number(m[2]) };
}
