// The bundler's process (runtime-bundle-worker.ts) seen from the build: started early on a
// first or cold build, so that Vite has loaded by the time the compile says what to bundle
// (runtime-bundle.ts); given that job, it ends when the bundle is written.
import { fork, type ChildProcess } from "node:child_process";
import { bundleWorker } from "../io/worker-bundle.ts";
import type { RuntimeBundleJob } from "./runtime-bundle.ts";

/** What the bundler's process is sent: the job. */
export type RuntimeBundlerMessage = { kind: "job"; job: RuntimeBundleJob };

/** The files the bundler read, or why it failed. */
export type RuntimeBundleReply = { files: string[] } | { error: string; stack?: string };

/** Rolldown's allocator (mimalloc) commits its memory arenas whole by default and keeps
 * freed pages a while: told not to, the bundler's process peaks at ≈130 MiB instead of
 * ≈260 on the real deck (PSS), and bundles no slower. */
const ALLOCATOR_ENV = { MIMALLOC_ARENA_EAGER_COMMIT: "0", MIMALLOC_PURGE_DELAY: "0" } as const;

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
      fork(file, [], { execArgv: [...OPTIMISE_LATER], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...ALLOCATOR_ENV } }),
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

  /** Bundles `job`; the files the bundler read, once its process has exited. One job per
   * bundler. */
  async bundle(job: RuntimeBundleJob): Promise<string[]> {
    if (this.given) throw new Error("a bundler's process bundles once");
    this.given = true;
    const child = await this.child;
    child.send({ kind: "job", job } satisfies RuntimeBundlerMessage, () => undefined); // an exit says why
    const [reply, code] = await Promise.all([this.replied, this.exited]);
    if (!reply) throw new Error(`the bundler's process stopped (exit code ${code}) before it was done`);
    if ("error" in reply) throw Object.assign(new Error(reply.error), { stack: reply.stack ?? reply.error });
    return reply.files;
  }
}
