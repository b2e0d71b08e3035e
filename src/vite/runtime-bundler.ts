// The bundler's process (runtime-bundle-worker.ts) seen from the build: given the job, then
// the fonts' characters when they are worked out, so that on a first or cold build it starts
// and bundles the code while they are (runtime-bundle.ts). It ends when the bundle is written.
import { fork, type ChildProcess } from "node:child_process";
import { bundleWorker } from "../io/worker-bundle.ts";
import { BundleCache } from "./bundle-cache.ts";
import type { FaceKey } from "./katex-faces.ts";
import type { RuntimeBundleJob } from "./runtime-bundle.ts";

/** What the bundler's process is sent: the job, then the characters each KaTeX face keeps. */
export type RuntimeBundlerMessage = { kind: "job"; job: RuntimeBundleJob } | { kind: "fonts"; fonts: [FaceKey, string][] };

/** The files the bundler read, or why it failed. */
export type RuntimeBundleReply = { files: string[] } | { error: string; stack?: string };

/** Rolldown's allocator (mimalloc) commits its memory arenas whole by default and keeps
 * freed pages a while: told not to, the bundler's process peaks at ≈130 MiB instead of
 * ≈260 on the real deck (PSS), and bundles no slower. */
const ALLOCATOR_ENV = { MIMALLOC_ARENA_EAGER_COMMIT: "0", MIMALLOC_PURGE_DELAY: "0" } as const;

/** subset-font's WebAssembly (HarfBuzz, the woff2 encoder) run by V8's baseline compiler
 * only: optimising it in the background cost ≈1 s of CPU for a dozen fonts, three times
 * what running them takes (subset-font alone, timed with /usr/bin/time). */
const WASM_BASELINE_ONLY = ["--liftoff-only"] as const;

/** V8 optimises a function later than its default, as scripts/launch.mjs has it for the
 * commands: this process loads Vite and its plugins, most of whose code runs a few times.
 * Cold builds of the benchmark deck alternated with and without: less CPU over the whole
 * build in nine pairs of nine (7.74 → 7.59 s in four of them, on a busy machine). */
const OPTIMISE_LATER = ["--interrupt-budget=270336"] as const;

export class RuntimeBundler {
  private readonly child: Promise<ChildProcess>;
  private readonly exited: Promise<number | null>;
  private readonly replied: Promise<RuntimeBundleReply | undefined>;
  private given = false;

  private constructor() {
    this.child = bundleWorker("src/vite/runtime-bundle-worker.ts", "runtime-bundle-worker").then((file) =>
      fork(file, [], { execArgv: [...WASM_BASELINE_ONLY, ...OPTIMISE_LATER], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...ALLOCATOR_ENV } }),
    );
    this.exited = this.child.then(
      (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)))),
      () => null,
    );
    this.replied = this.child.then((child) => new Promise<RuntimeBundleReply | undefined>((resolve, reject) => {
      child.once("message", (reply: RuntimeBundleReply) => resolve(reply));
      child.once("error", reject);
      void this.exited.then(() => resolve(undefined));
    }));
    this.replied.catch(() => undefined); // bundle() reports it
  }

  /** A bundler's process, starting now. */
  static start(): RuntimeBundler {
    return new RuntimeBundler();
  }

  /** A bundler's process, started now when no bundle is kept (a first or cold build bundles
   * for certain): `npm run build` starts it before the compiler is loaded, so that its entry
   * is bundled and Vite loaded while the compile runs, not after it. */
  static startEarly(deckRoot: string): RuntimeBundler | undefined {
    return BundleCache.noneKept(deckRoot) ? new RuntimeBundler() : undefined;
  }

  /** Ends a process that was given no job (a build that failed first); the same end, or
   * nothing, for one that was. */
  async close(): Promise<void> {
    const child = this.given ? undefined : await this.child.catch(() => undefined);
    if (child?.connected) child.disconnect(); // its process exits on that
    await this.exited;
  }

  /** Once the process has been started (its entry bundled, on a cold build, first). */
  async forked(): Promise<void> {
    await this.child;
  }

  /** Bundles `job`, whose fonts' characters may come later; the files the bundler read, once
   * its process has exited. One job per bundler. */
  async bundle(job: RuntimeBundleJob, fonts: Promise<[FaceKey, string][]>): Promise<string[]> {
    if (this.given) throw new Error("a bundler's process bundles once");
    this.given = true;
    const child = await this.child;
    const send = (message: RuntimeBundlerMessage): void => void child.send(message, () => undefined); // an exit says why
    send({ kind: "job", job });
    let fontsFailed: unknown;
    fonts.then(
      (characters) => send({ kind: "fonts", fonts: characters }),
      (error: unknown) => {
        fontsFailed = error ?? new Error("the fonts' characters were not worked out");
        child.kill();
      },
    );
    const [reply, code] = await Promise.all([this.replied, this.exited]);
    if (fontsFailed) throw fontsFailed;
    if (!reply) throw new Error(`the bundler's process stopped (exit code ${code}) before it was done`);
    if ("error" in reply) throw Object.assign(new Error(reply.error), { stack: reply.stack ?? reply.error });
    return reply.files;
  }
}
