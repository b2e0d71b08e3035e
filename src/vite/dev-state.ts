// The dev server's state, owned by one object: the deck the page shows (the last one
// without errors), the last errors, the queue of recompiles and the settle timer. Edits go
// in through `fileChanged`; updates and errors come out to whoever subscribed (the Vite
// plugin forwards them to the page).
import path from "node:path";
import type { Diagnostic } from "../compile/diagnostics.ts";
import type { CompiledDeck } from "../compile/state.ts";
import type { DeckSession } from "../session/session.ts";

/** What the page needs to catch up: the sections that changed, or all of them. */
export type DeckUpdate = { count: number; changed: { index: number; html: string }[] } | { slidesHtml: string };

export interface DevListener {
  updated(update: DeckUpdate, deck: CompiledDeck, reason: string, ms: number): void;
  failed(errors: readonly Diagnostic[], reason: string): void;
}

/** An editor's save can arrive as several events (truncate, then write) and the watcher may
 * report only the first: wait this long, then read the files. */
const SETTLE_MS = 25;

export class DevDeck {
  private lastErrors: Diagnostic[];
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: DevListener[] = [];

  private constructor(
    private readonly session: DeckSession,
    private deck: CompiledDeck,
  ) {
    this.lastErrors = deck.diagnostics.filter((d) => d.severity === "error");
  }

  /** The first compile, done. */
  static async start(session: DeckSession): Promise<DevDeck> {
    return new DevDeck(session, await session.compile());
  }

  /** The deck the page shows: the last good one (or the first, errors and all). */
  get current(): CompiledDeck {
    return this.deck;
  }

  get errors(): readonly Diagnostic[] {
    return this.lastErrors;
  }

  subscribe(listener: DevListener): void {
    this.listeners.push(listener);
  }

  isChapter(file: string): boolean {
    return file.startsWith(this.session.slidesDir + path.sep) && file.endsWith(".md");
  }

  /** A file a snippet imported, or any other file beside the chapters (case files, helpers). */
  isSnippetInput(file: string): boolean {
    return this.deck.snippetDeps.includes(file) || (file.startsWith(this.session.slidesDir + path.sep) && !file.endsWith(".md"));
  }

  /** A watched file changed: recompile once the save has settled. Returns false when the
   * file does not concern the deck. */
  fileChanged(file: string): boolean {
    const reason = path.relative(this.session.deckRoot, file);
    if (this.isChapter(file)) this.requestCompile(reason);
    else if (this.isSnippetInput(file)) {
      this.session.invalidateSnippetImports();
      this.requestCompile(`${reason} (re-running snippets)`);
    } else return false;
    return true;
  }

  private requestCompile(reason: string): void {
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.enqueue(reason), SETTLE_MS);
  }

  /** At most one compile waits behind the running one: it reads the latest files anyway. */
  private enqueue(reason: string): void {
    if (this.queued) return;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      await this.recompile(reason);
    });
  }

  private async recompile(reason: string): Promise<void> {
    const started = performance.now();
    const deck = await this.session.compile();
    const errors = deck.diagnostics.filter((d) => d.severity === "error");
    this.lastErrors = errors;
    if (errors.length > 0) {
      for (const l of this.listeners) l.failed(errors, reason);
      return;
    }
    const previous = this.deck.sections;
    this.deck = deck;
    // Only the top-level sections that changed travel, when the deck keeps its shape.
    const update: DeckUpdate =
      previous.length === deck.sections.length
        ? { count: deck.sections.length, changed: deck.sections.flatMap((html, index) => (html === previous[index] ? [] : [{ index, html }])) }
        : { slidesHtml: deck.slidesHtml };
    const ms = Math.round(performance.now() - started);
    for (const l of this.listeners) l.updated(update, deck, reason, ms);
  }

  /** Waits for the running and queued compiles (for closing cleanly). */
  async idle(): Promise<void> {
    clearTimeout(this.settle);
    await this.running;
  }
}
