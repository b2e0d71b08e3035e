// Runs ```ts run snippets in a worker thread (see worker.ts) with a time limit per snippet.
// A snippet over its limit gets the worker terminated; the next snippet gets a new one.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { packageRoot } from "../package-root.ts";
import type { SnippetOutcome, SnippetSource, WorkerReply, WorkerRequest } from "./types.ts";

/** Import names a snippet can use besides relative paths. */
export function snippetAliases(deckRoot: string): Record<string, string> {
  const pkg = packageRoot();
  return {
    "@grad": path.join(pkg, "src/grad/index.ts"),
    "@deck/snippet": path.join(pkg, "src/shared/deck-values.ts"),
    "@deck/plot": path.join(pkg, "src/compile/snippets/plot.ts"),
    "@/": deckRoot + "/",
  };
}

async function bundleWorker(): Promise<string> {
  const pkg = packageRoot();
  const result = await build({
    entryPoints: [path.join(pkg, "src/compile/snippets/worker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "error",
  });
  const contents = result.outputFiles[0].contents;
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 12);
  const out = path.join(pkg, "node_modules", ".cache", "backprop-deck", `snippet-worker-${hash}.mjs`);
  if (!existsSync(out)) {
    await mkdir(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, contents);
    await rename(tmp, out); // parallel builds never load a half-written worker
  }
  return out;
}

/** The worker's bundle, made once per process however many runners start. */
let workerBundle: Promise<string> | undefined;

export class SnippetRunner {
  private worker: Worker | undefined;
  private workerReady: Promise<void> | undefined;
  private nextId = 1;

  constructor(
    private readonly deckRoot: string,
    private readonly timeoutMs: () => number,
  ) {}

  /** Start the worker now (it takes a few hundred ms), so it is ready when snippets come. */
  warmUp(): void {
    this.start().catch(() => undefined); // a failure shows again when a snippet runs
  }

  private start(): Promise<void> {
    if (this.workerReady) return this.workerReady;
    workerBundle ??= bundleWorker();
    this.workerReady = workerBundle.then(
      (file) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(file, { workerData: { root: this.deckRoot, aliases: snippetAliases(this.deckRoot) } });
          this.worker = worker;
          worker.once("message", () => resolve());
          worker.once("error", reject);
        }),
    );
    return this.workerReady;
  }

  private stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.workerReady = undefined;
  }

  /** Forget cached imports: a source file a snippet may import has changed. */
  invalidate(): void {
    this.worker?.postMessage({ type: "invalidate" } satisfies WorkerRequest);
  }

  async run(snippet: SnippetSource): Promise<SnippetOutcome> {
    await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    const hash = createHash("sha256").update(snippet.code).digest("hex").slice(0, 8);
    const modulePath = path.join(this.deckRoot, `${snippet.file}.snippet-L${snippet.line}-${hash}.ts`);
    const limit = this.timeoutMs();
    return new Promise<SnippetOutcome>((resolve) => {
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type !== "result" || reply.id !== id) return;
        done();
        if (reply.ok) resolve({ ok: true, value: reply.value, deps: reply.deps });
        else resolve({ ok: false, error: { message: reply.message, ...locateInSnippet(reply.stack, modulePath, snippet.line) }, deps: reply.deps });
      };
      const onExit = (): void => {
        done();
        resolve({ ok: false, error: { message: "the snippet worker stopped unexpectedly", line: snippet.line, col: 1 }, deps: [] });
      };
      const timer = setTimeout(() => {
        done();
        this.stop();
        resolve({
          ok: false,
          error: { message: `the snippet ran longer than ${limit} ms and was stopped (snippetTimeoutMs in front matter sets the limit)`, line: snippet.line, col: 1 },
          deps: [],
        });
      }, limit);
      const done = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("exit", onExit);
      worker.postMessage({ type: "run", id, modulePath, code: snippet.code } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
    this.workerReady = undefined;
  }
}

/** The chapter line and column of the first stack frame inside the snippet. The snippet's
 * code starts on the line after its fence. */
function locateInSnippet(stack: string, modulePath: string, fenceLine: number): { line: number; col: number } {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return { line: fenceLine, col: 1 };
  return { line: fenceLine + Number(m[1]), col: Number(m[2]) };
}
