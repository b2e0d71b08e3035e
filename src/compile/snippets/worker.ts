// The snippet worker: runs ```ts run snippets through Vite's module runner, in a process of
// its own so that a snippet that runs too long can be stopped (the compiler kills the
// worker) and its memory is given back when it ends. Snippets may import TypeScript from src/ and slides/; imports are cached between
// snippets until the compiler says a source changed. It also answers the two typed calls of
// the deck's examples (case-calls.ts): a case evaluated, and the notation table.
import path from "node:path";
import { createServer, isRunnableDevEnvironment, type RunnableDevEnvironment } from "vite";
import { evaluateCaseFile, loadNotation } from "./case-calls.ts";
import type { SnippetWorkerSetup, WorkerReply, WorkerRequest } from "./types.ts";

const { root, aliases } = JSON.parse(process.argv[2]) as SnippetWorkerSetup;
/** The channel to the compiler (runner.ts), which started this process with one. */
const port = {
  postMessage: (reply: WorkerReply): void => void process.send!(reply),
  on: (event: "message", listener: (request: WorkerRequest) => void): void => void process.on(event, listener),
} as const;
// The compiler gone, this worker has no one to answer. A snippet's stray asynchronous
// error ends it quietly: the compiler hears that it stopped (as a thread's would).
process.on("disconnect", () => process.exit(0));
process.on("uncaughtException", () => process.exit(1));
process.on("unhandledRejection", () => process.exit(1));

/** Functions (a live example's view) stay in the worker: the compiler needs only values. */
function withoutFunctions(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (Array.isArray(value)) return value.map(withoutFunctions);
  if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== "function").map(([k, v]) => [k, withoutFunctions(v)]));
  }
  return value;
}

function post(reply: WorkerReply): void {
  try {
    port.postMessage(reply);
  } catch (error) {
    // The value could not be cloned (a symbol, a class instance with private state, …).
    if (reply.type === "case" || reply.type === "notation") {
      const outcome = { ok: false as const, message: `cannot be sent to the compiler (${(error as Error).message})`, deps: reply.outcome.deps };
      port.postMessage({ ...reply, outcome } satisfies WorkerReply);
      return;
    }
    if (reply.type !== "result" || !reply.ok) throw error;
    const message = `the snippet's value cannot be shown (${(error as Error).message})`;
    port.postMessage({ type: "result", id: reply.id, ok: false, message, stack: "", deps: reply.deps } satisfies WorkerReply);
  }
}

/** The worker's state: Vite's module runner, and the code of the snippets it was sent (which
 * the runner loads as modules by their ids). */
class SnippetWorker {
  private constructor(
    private readonly snippetCode: Map<string, string>,
    private readonly environment: RunnableDevEnvironment,
  ) {}

  static async start(): Promise<SnippetWorker> {
    const snippetCode = new Map<string, string>();
    const server = await createServer({
      configFile: false,
      root,
      logLevel: "silent",
      appType: "custom",
      clearScreen: false,
      server: { middlewareMode: true, hmr: false, ws: false, watch: null },
      resolve: { alias: aliases },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [{ name: "deck-snippet-modules", enforce: "pre", resolveId: (id) => (snippetCode.has(id) ? id : undefined), load: (id) => snippetCode.get(id) }],
    });
    const environment = server.environments.ssr;
    if (!isRunnableDevEnvironment(environment)) throw new Error("vite: the ssr environment cannot run modules");
    return new SnippetWorker(snippetCode, environment);
  }

  private get runner(): RunnableDevEnvironment["runner"] {
    return this.environment.runner;
  }

  /** Load what nearly every snippet imports, so a snippet's time limit measures the snippet,
   * not the first transform of src/grad on a busy machine. */
  async preload(): Promise<void> {
    await Promise.all(["@grad", "@deck/snippet"].map((name) => this.runner.import(aliases[name]).catch(() => undefined)));
  }

  /** Files a module imports, directly or not (for re-running snippets when one changes). */
  private dependencies(id: string): string[] {
    const seen = new Set<string>();
    const files = new Set<string>();
    const visit = (moduleId: string): void => {
      if (seen.has(moduleId)) return;
      seen.add(moduleId);
      const node = this.runner.evaluatedModules.getModuleById(moduleId);
      if (!node) return;
      if (node.file && !this.snippetCode.has(moduleId) && !node.file.includes("/node_modules/")) files.add(node.file);
      node.imports.forEach(visit);
    };
    visit(id);
    return [...files].sort();
  }

  /** The files behind the modules a call imported. */
  private filesBehind(files: readonly string[]): string[] {
    return [...new Set(files.flatMap((f) => this.dependencies(f)))].sort();
  }

  /** A module's exports, through the runner (which records what it imports). */
  private readonly importModule = async (file: string): Promise<Readonly<Record<string, unknown>>> => {
    return (await this.runner.import(file)) as Record<string, unknown>; // a module namespace
  };

  private async runSnippet(request: Extract<WorkerRequest, { type: "run" }>): Promise<void> {
    this.snippetCode.set(request.modulePath, request.code);
    try {
      const mod = await this.importModule(request.modulePath);
      if (!("default" in mod)) throw new Error("the snippet has no `export default`, so it has no value to show");
      if (typeof mod.default === "function") throw new Error("the snippet exports a function, which cannot be shown: export what it returns");
      post({ type: "result", id: request.id, ok: true, value: withoutFunctions(mod.default), deps: this.dependencies(request.modulePath) });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: "result", id: request.id, ok: false, message: e.message, stack: e.stack ?? "", deps: this.dependencies(request.modulePath) });
    }
  }

  async handle(request: WorkerRequest): Promise<void> {
    if (request.type === "invalidate") {
      this.environment.moduleGraph.invalidateAll();
      this.runner.evaluatedModules.clear();
      return;
    }
    if (request.type === "run") return this.runSnippet(request);
    const absolute = (file: string): string => path.join(root, file);
    const importModule = this.importModule;
    if (request.type === "case") {
      const files = [request.caseFile, ...(request.notationFile ? [request.notationFile] : [])].map(absolute);
      const outcome = await evaluateCaseFile(files[0], files[1], { importModule, grad: aliases["@grad"] });
      post({ type: "case", id: request.id, outcome: { ...outcome, deps: this.filesBehind([...files, aliases["@grad"]]) } });
    } else {
      const file = absolute(request.notationFile);
      const outcome = await loadNotation(file, { importModule });
      post({ type: "notation", id: request.id, outcome: { ...outcome, deps: this.filesBehind([file]) } });
    }
  }
}

const worker = await SnippetWorker.start();
port.on("message", (request: WorkerRequest) => void worker.handle(request));
await worker.preload();
post({ type: "ready" });
