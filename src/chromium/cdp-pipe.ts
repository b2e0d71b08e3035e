// A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages ended by a NUL byte, written to its fd 3, read from its fd 4). For the
// diagram worker and the PDF, which need a page, a few requests answered from disk, a
// function called in it and (the PDF) Chromium's printing: loading playwright-core alone
// takes half a second, more than Chromium takes to start.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { HEADLESS_ARGS } from "./find-chromium.ts";

/** One process for the browser and its page: the page only ever runs our own script on
 * mermaid's code, and the usual eight processes (zygotes, GPU, network, spare renderers)
 * hold ≈370 MiB where one holds ≈300, and draw slower on two cores. */
const SINGLE_PROCESS_ARGS = ["--single-process", "--no-zygote"] as const;

/** A file:// page may load other files (module scripts among them): the diagram page
 * imports mermaid from node_modules. Only our own page and mermaid's code are ever opened. */
const FILE_ACCESS_ARGS = ["--allow-file-access-from-files"] as const;

/** A page opened over the protocol has no window to be in front: Chromium must not treat it
 * as a background tab (slower timers and a lower priority) while it loads and prints (the
 * flags playwright, which printed the PDF before, starts Chromium with). */
const PAGE_IN_FRONT_ARGS = ["--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding"] as const;

type Params = Record<string, unknown>;
interface Reply {
  id?: number;
  method?: string;
  params?: Params;
  sessionId?: string;
  result?: Params;
  error?: { message: string };
}
type EventHandler = (params: Params, sessionId: string | undefined) => void;

export class CdpPipe {
  private readonly pending = new Map<number, { resolve(r: Params): void; reject(e: Error): void; method: string }>();
  private readonly handlers = new Map<string, EventHandler>();
  private nextId = 1;
  private unread = "";
  /** why nothing more can be sent (Chromium failed to start, or exited) */
  private dead: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    /** the profile folder this Chromium was given; removed when it exits */
    readonly profileDir: string,
  ) {
    const [, , , toChromium, fromChromium] = child.stdio as [null, null, null, Writable, Readable];
    this.toChromium = toChromium;
    fromChromium.setEncoding("utf8");
    fromChromium.on("data", (chunk: string) => this.read(chunk));
    toChromium.on("error", () => undefined); // the exit below says why
    this.exited = new Promise((resolve) => {
      child.once("error", (error) => {
        this.fail(new Error(`Chromium did not start: ${error.message}`));
        resolve();
      });
      child.once("exit", (code, signal) => {
        this.fail(new Error(`Chromium exited (${signal ?? `code ${code}`})`));
        rmSync(this.profileDir, { recursive: true, force: true });
        resolve();
      });
    });
  }

  private readonly toChromium: Writable;

  /** Starts Chromium headless, with a profile of its own that goes when it exits. By
   * default as the diagram worker needs it: one process, and file:// pages that may load
   * other files; the PDF (print-pdf.ts) prints a self-contained file in the usual processes,
   * where Chromium's printing is faster. */
  static launch(executablePath: string, { forDiagrams = true }: { forDiagrams?: boolean } = {}): CdpPipe {
    const profileDir = mkdtempSync(path.join(os.tmpdir(), "backprop-deck-chromium-"));
    const kind = forDiagrams ? [...SINGLE_PROCESS_ARGS, ...FILE_ACCESS_ARGS] : PAGE_IN_FRONT_ARGS;
    const args = [...HEADLESS_ARGS, ...kind, "--headless", "--remote-debugging-pipe", `--user-data-dir=${profileDir}`, "--hide-scrollbars", "--mute-audio", "--no-startup-window"];
    const child = spawn(executablePath, args, { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
    return new CdpPipe(child, profileDir);
  }

  /** Sends `method` (to the page of `sessionId`, or to the browser) and waits for its result. */
  send(method: string, params: Params = {}, sessionId?: string): Promise<Params> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Calls `handler` on every `method` event (one handler per event). */
  on(method: string, handler: EventHandler): void {
    this.handlers.set(method, handler);
  }

  /** Closes the browser (killed if it takes more than 5 s) and waits for it to exit. */
  async close(): Promise<void> {
    if (!this.dead) void this.send("Browser.close").catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  private read(chunk: string): void {
    this.unread += chunk;
    let end: number;
    while ((end = this.unread.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.unread.slice(0, end)) as Reply;
      this.unread = this.unread.slice(end + 1);
      if (message.id === undefined) {
        if (message.method) this.handlers.get(message.method)?.(message.params ?? {}, message.sessionId);
        continue;
      }
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting?.resolve(message.result ?? {});
    }
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const w of this.pending.values()) w.reject(this.dead);
    this.pending.clear();
  }
}

/** A page of `browser`, its DevTools session attached. */
export async function openPage(browser: CdpPipe): Promise<string> {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  return sessionId as string;
}

/** Opens `url` in the page of `sessionId` and waits for its load event (at most `timeoutMs`). */
export async function navigate(browser: CdpPipe, sessionId: string, url: string, timeoutMs = 60_000): Promise<void> {
  await browser.send("Page.enable", {}, sessionId);
  let timer: NodeJS.Timeout | undefined;
  const loaded = new Promise<void>((resolve, reject) => {
    browser.on("Page.loadEventFired", (_params, from) => from === sessionId && resolve());
    timer = setTimeout(() => reject(new Error(`${url} did not load in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  loaded.catch(() => undefined); // awaited below, unless the navigation itself fails first
  try {
    const { errorText } = await browser.send("Page.navigate", { url }, sessionId);
    if (errorText) throw new Error(`${url}: ${String(errorText)}`);
    await loaded;
  } finally {
    clearTimeout(timer);
  }
}

/** What `fn(arg)` gives (a promise awaited) in the page of `sessionId`: `fn` is sent as its
 * source, so it must use nothing from outside itself; `arg` and the result as JSON. */
export function call<A, R>(browser: CdpPipe, sessionId: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return evaluate<R>(browser, sessionId, `(${fn.toString()})(${JSON.stringify(arg)})`);
}

/** The value `expression` gives (a promise awaited) in the page of `sessionId`; its
 * exception's message thrown. */
export async function evaluate<T>(browser: CdpPipe, sessionId: string, expression: string): Promise<T> {
  const { result, exceptionDetails } = (await browser.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
    result: { value: T };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}
