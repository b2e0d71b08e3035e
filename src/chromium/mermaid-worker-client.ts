// The main thread's end of the mermaid worker (mermaid-worker.ts): starts it, sends it
// diagrams, hands back what it drew, and closes it with its Chromium.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { bundleWorker } from "../io/worker-bundle.ts";
import type { DiagramResult } from "../shared/diagrams.ts";
import type { FromMermaidWorker, MermaidWorkerData, ToMermaidWorker } from "./mermaid-protocol.ts";

const require = createRequire(import.meta.url);

/** mermaid's dist folder (its ES modules). */
function mermaidDistDir(): string {
  return path.join(path.dirname(require.resolve("mermaid/package.json")), "dist");
}

/** How long one diagram may take to draw before the build gives up on it. */
const DIAGRAM_TIMEOUT_MS = 60_000;

export class MermaidWorkerClient {
  private readonly pending = new Map<number, { resolve(r: DiagramResult): void; reject(e: Error): void }>();
  private nextRequest = 1;
  private readonly worker: Promise<Worker>;
  private exited: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  /** why the worker can draw nothing more (it stopped, or failed) */
  private dead: Error | undefined;

  /** Starts the worker, which starts Chromium and loads mermaid at once. */
  constructor(executablePath: string) {
    this.worker = bundleWorker("src/chromium/mermaid-worker.ts", "mermaid-worker").then((file) => {
      const workerData: MermaidWorkerData = { executablePath, distDir: mermaidDistDir() };
      const worker = new Worker(file, { workerData });
      this.listen(worker);
      return worker;
    });
    this.worker.catch(() => undefined); // reported to each request
  }

  private listen(worker: Worker): void {
    worker.on("message", (message: FromMermaidWorker) => {
      const waiting = this.pending.get(message.request);
      this.pending.delete(message.request);
      if (message.type === "result") waiting?.resolve(message.result);
      else waiting?.reject(new Error(`the diagram worker failed: ${message.message}`));
    });
    const failAll = (error: Error): void => {
      this.dead ??= error;
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
    };
    worker.on("error", failAll);
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    void this.exited.then(() => failAll(new Error("the diagram worker stopped")));
  }

  /** mermaid's SVG for `source` (or its error), drawn with mermaid.initialize's `config`. */
  async render(id: string, source: string, config: unknown): Promise<DiagramResult> {
    const worker = await this.worker;
    if (this.dead) throw this.dead;
    const request = this.nextRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(request);
        reject(new Error(`a diagram took more than ${DIAGRAM_TIMEOUT_MS / 1000} s to draw`));
      }, DIAGRAM_TIMEOUT_MS);
      const settle = <T>(f: (v: T) => void) => (v: T): void => {
        clearTimeout(timer);
        f(v);
      };
      this.pending.set(request, { resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ type: "render", request, id, source, config } satisfies ToMermaidWorker);
    });
  }

  /** Closes Chromium and ends the worker (ended outright if that takes more than 5 s);
   * closing again waits for the same end. */
  close(): Promise<void> {
    this.closing ??= this.end();
    return this.closing;
  }

  private async end(): Promise<void> {
    const worker = await this.worker.catch(() => undefined);
    if (!worker) return;
    worker.postMessage({ type: "close" } satisfies ToMermaidWorker);
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
