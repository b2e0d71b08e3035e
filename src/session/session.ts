// One deck being worked on: its chapters read from disk and compiled with the session's
// services (src/session/services.ts), with a compile cache kept between compiles. The
// build, the dev server, `npm run check` and the tests all go through a session.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CompileCache } from "../compile/cache.ts";
import { compileDeck } from "../compile/pipeline.ts";
import type { ChapterFile, CompiledDeck, CompileServices } from "../compile/state.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { CompileStore } from "./compile-store.ts";
import { DeckServices, type ServiceOptions } from "./services.ts";

export interface SessionOptions extends ServiceOptions {
  /** folder of the chapters, relative to deckRoot (default: slides) */
  slidesDir?: string;
}

/** The chapters: slidesDir/*.md in name order. */
export function readChapters(deckRoot: string, slidesDir = "slides"): ChapterFile[] {
  const dir = path.join(deckRoot, slidesDir);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ path: `${slidesDir}/${f}`, text: readFileSync(path.join(dir, f), "utf8") }));
}

export class DeckSession {
  private readonly cache = new CompileCache();
  private readonly store: CompileStore;
  /** what the last process left, taken in before the first compile */
  private stocked: Promise<void> | undefined;

  private constructor(
    readonly options: SessionOptions,
    readonly services: DeckServices,
  ) {
    this.store = new CompileStore(options.deckRoot, PACKAGE_ROOT);
  }

  /** A session; its slow services start when a compile first needs them. */
  static create(options: SessionOptions): DeckSession {
    return new DeckSession(options, DeckServices.create(options));
  }

  get deckRoot(): string {
    return this.options.deckRoot;
  }

  get slidesDir(): string {
    return path.join(this.options.deckRoot, this.options.slidesDir ?? "slides");
  }

  /** Compiles the chapters as they are on disk; `onBundleInputs` hears what the browser
   * bundle needs before the compile is done. */
  async compile(onBundleInputs?: CompileServices["onBundleInputs"]): Promise<CompiledDeck> {
    this.stocked ??= this.store.load(this.cache, this.services.workerCalls);
    await this.stocked;
    const chapters = readChapters(this.options.deckRoot, this.options.slidesDir);
    const deck = await compileDeck(chapters, { ...(await this.services.forCompile(this.cache)), onBundleInputs });
    this.services.workerCalls.sweep(); // as the compile cache sweeps its shelves
    return deck;
  }

  /** Leaves what the last compile made for the next process's session of this deck. */
  keep(): Promise<void> {
    return this.store.save(this.cache, this.services.workerCalls);
  }

  /** `file` (absolute), which a snippet may import, has changed: the next compile imports it
   * afresh for what read it. */
  invalidateSnippetImports(file: string): void {
    this.services.snippets.invalidate();
    this.services.workerCalls.forget(file);
  }

  close(): Promise<void> {
    return this.services.close();
  }
}
