// Runs the build's WebAssembly tools in a worker process (wasm-tools-worker.ts) that starts
// on the first request and ends when no request is left, so that the memory their instances
// grew to is given back at once (in the build's own process it would stay to the end).
import { fork, type ChildProcess } from "node:child_process";
import type { LzmaParameters } from "./seven-zip-archive.ts";
import { bundleWorker } from "./worker-bundle.ts";

export type WasmToolRequest = { id: number } & ({ tool: "lzma"; data: Uint8Array; properties: LzmaParameters } | { tool: "subset"; data: Uint8Array; text: string });
export type WasmToolName = WasmToolRequest["tool"];
export type WasmToolReply = { id: number; bytes: Uint8Array } | { id: number; error: string };
/** What the worker is sent: a request, or a tool to load now (a request for it will follow). */
export type ToWasmTools = WasmToolRequest | { preload: WasmToolName };
/** A request as a caller makes it (the id is ours), each tool's kind kept apart. */
type WithoutId<R> = R extends unknown ? Omit<R, "id"> : never;
type Request = WithoutId<WasmToolRequest>;

export interface WasmToolsOptions {
  /** the tool the worker is for: it loads it as it starts (the others on first use, or
   * when warmed for them) */
  preload?: WasmToolName;
  /** Node's flags for a worker, by the tool it is started for */
  execArgv?: Partial<Record<WasmToolName, readonly string[]>>;
}

export class WasmTools {
  private worker: ChildProcess | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }>();
  /** the worker on its way (its bundle being made) */
  private starting: Promise<ChildProcess> | undefined;
  /** the tools the running worker was told to load */
  private loading = new Set<WasmToolName>();
  /** the tools a request will follow for (expect, warm): the worker is kept for them */
  private readonly expected = new Set<WasmToolName>();

  constructor(private readonly options: WasmToolsOptions = {}) {}

  /** Whether a worker process is running (it ends when the last request is answered). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** A request for `tool` will follow: a worker running out of other work is kept for it
   * (until that request, or close()) instead of ending. Nothing is started. */
  expect(tool: WasmToolName): void {
    this.expected.add(tool);
  }

  /** Starts the worker now, when a request for `tool` (the preload one by default) will
   * surely follow: it loads that tool's WebAssembly meanwhile, in a worker already running
   * too, which is kept for it (expect). It ends with the last answer to a request, or on
   * close(). */
  warm(tool = this.options.preload): void {
    if (tool) this.expect(tool);
    this.started(tool).then(
      (worker) => {
        // a worker started for another tool loads this one now too
        if (!tool || this.loading.has(tool)) return;
        this.loading.add(tool);
        worker.send({ preload: tool } satisfies ToWasmTools, () => undefined); // gone: the request starts another
      },
      () => undefined, // the first request meets the same failure
    );
  }

  /** Ends a worker that was warmed but never asked (a build that failed first). */
  async close(): Promise<void> {
    this.expected.clear();
    await this.starting?.catch(() => undefined);
    if (this.waiting.size > 0 || !this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    worker.kill();
  }

  /** Runs `request` in the worker (started if none is running). */
  async run(request: Request): Promise<Buffer> {
    const id = this.nextId++;
    this.expected.delete(request.tool);
    const answer = new Promise<Buffer>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    try {
      const worker = await this.started(request.tool);
      worker.send({ ...request, id } satisfies ToWasmTools, (error) => error && this.settle(id, error));
    } catch (error) {
      this.settle(id, error as Error);
    }
    return answer;
  }

  /** The running worker, or one started for `preload` (loaded as it starts). */
  private started(preload = this.options.preload): Promise<ChildProcess> {
    if (this.worker) return Promise.resolve(this.worker);
    // a request while a warm start is under way waits for that same worker
    this.starting ??= bundleWorker("src/io/wasm-tools-worker.ts", "wasm-tools-worker").finally(() => (this.starting = undefined)).then((file) => {
      if (this.worker) return this.worker; // another request started it meanwhile
      // structured clone for messages: the bytes go as bytes, not JSON
      const execArgv = (preload && this.options.execArgv?.[preload]) || [];
      this.loading = new Set(preload ? [preload] : []);
      const worker = fork(file, preload ? [preload] : [], { execArgv: [...execArgv], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
      worker.on("message", (reply: WasmToolReply) => this.settle(reply.id, "error" in reply ? new Error(reply.error) : Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength)));
      worker.on("error", (error) => {
        if (this.worker === worker) this.failAll(error);
      });
      worker.on("exit", () => {
        if (this.worker !== worker) return; // ended by us, its work done
        this.worker = undefined;
        this.failAll(new Error("the WebAssembly tools' worker stopped"));
      });
      this.worker = worker;
      return worker;
    });
    return this.starting;
  }

  private settle(id: number, outcome: Buffer | Error): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (outcome instanceof Error) waiter?.reject(outcome);
    else waiter?.resolve(outcome);
    if (this.waiting.size === 0 && this.expected.size === 0 && this.worker) {
      const worker = this.worker;
      this.worker = undefined;
      worker.kill(); // nothing left to do: its memory goes back now
    }
  }

  private failAll(error: Error): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, error);
  }
}
