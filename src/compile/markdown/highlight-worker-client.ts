// The main thread's end of the highlighter's worker thread (highlight-worker.ts): started on
// the first block no cache holds, it is held open only while it has blocks to answer (a
// process that is done with it never waits for it), and ended with the highlighter.
import { Worker } from "node:worker_threads";
import { bundleWorker } from "../../io/worker-bundle.ts";
import type { CodeBlock, HighlightReply, HighlightRequest } from "./highlight.ts";

/** A block's key among those asked for: its language and its code. */
const keyOf = ({ lang, code }: CodeBlock): string => `${lang}\0${code}`;

export class HighlightWorkerClient {
  private readonly pending = new Map<number, { resolve(html: string[]): void; reject(e: Error): void }>();
  private nextRequest = 1;
  /** each block's answer under way (or come) by its language and code, until a highlight()
   * call takes it */
  private readonly asked = new Map<string, Promise<string>>();
  private readonly worker: Promise<Worker>;
  /** why the worker can answer nothing more (it stopped, or failed) */
  private dead: Error | undefined;

  /** Starts the worker, which loads shiki at once. */
  constructor() {
    this.worker = bundleWorker("src/compile/markdown/highlight-worker.ts", "highlight-worker").then((file) => {
      const worker = new Worker(file);
      worker.unref(); // held open by requests only (see highlight)
      this.listen(worker);
      return worker;
    });
    this.worker.catch(() => undefined); // reported to each request
  }

  private listen(worker: Worker): void {
    worker.on("message", (reply: HighlightReply) => {
      const waiting = this.pending.get(reply.request);
      this.pending.delete(reply.request);
      if (this.pending.size === 0) worker.unref();
      if ("html" in reply) waiting?.resolve(reply.html);
      else waiting?.reject(new Error(`shiki could not highlight the code: ${reply.error}`));
    });
    const failAll = (error: Error): void => {
      this.dead ??= error;
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
    };
    worker.on("error", failAll);
    worker.once("exit", () => failAll(new Error("the highlighter's worker stopped")));
  }

  /** Starts highlighting those of `blocks` not under way already: an early guess
   * (startHighlighterEarly), which highlight() then finds under way or done. */
  prefetch(blocks: readonly CodeBlock[]): void {
    const fresh = [...new Map(blocks.filter((b) => !this.asked.has(keyOf(b))).map((b) => [keyOf(b), b])).values()];
    if (fresh.length === 0) return;
    const answer = this.request(fresh);
    fresh.forEach((block, k) => {
      const html = answer.then((all) => all[k]);
      html.catch(() => undefined); // a guess no one takes may fail unheard; highlight() hears it
      this.asked.set(keyOf(block), html);
    });
  }

  /** Each block's highlighted <pre>, in order; a block prefetched is not highlighted again.
   * What it returns (or fails with) is forgotten: a later call asks again. */
  async highlight(blocks: readonly CodeBlock[]): Promise<string[]> {
    this.prefetch(blocks);
    try {
      return await Promise.all(blocks.map((b) => this.asked.get(keyOf(b))!));
    } finally {
      for (const block of blocks) this.asked.delete(keyOf(block));
    }
  }

  private async request(blocks: readonly CodeBlock[]): Promise<string[]> {
    const worker = await this.worker;
    if (this.dead) throw this.dead;
    const request = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(request, { resolve, reject });
      worker.ref(); // an answer is awaited: the process must not end before it comes
      worker.postMessage({ request, blocks } satisfies HighlightRequest);
    });
  }

  async close(): Promise<void> {
    const worker = await this.worker.catch(() => undefined);
    await worker?.terminate();
  }
}
