// The dev server's state, owned by one object: the deck the page shows (the last one
// without errors), the last errors, the queue of recompiles and the settle timer. Edits go
// in through `fileChanged`; updates and errors come out to whoever subscribed (the Vite
// plugin forwards them to the page).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../compile/diagnostics.ts";
import type { CompiledDeck } from "../compile/state.ts";
import type { DeckSession } from "../session/session.ts";

/** A slide that changed (`slide`: its place in its top-level section, a vertical stack):
 * its new HTML, or — when an edit above it only moved it in its file — its new
 * `data-source` (the page keeps what it drew in the slide: its diagrams, fitted formulas). */
export type SlideChange = { index: number; slide: number } & ({ html: string } | { source: string });

/** What the page needs to catch up: the slides that changed, or all of them (when the
 * deck's shape changed). */
export type DeckUpdate = { shape: number[]; changed: SlideChange[] } | { slidesHtml: string };

const DATA_SOURCE = / data-source="([^"]*)"/;

/** How a slide changed from `before` to `after` (both its HTML). */
function slideChange(index: number, slide: number, before: string, after: string): SlideChange {
  const moved = before.replace(DATA_SOURCE, "") === after.replace(DATA_SOURCE, "");
  const source = DATA_SOURCE.exec(after)?.[1];
  return moved && source !== undefined ? { index, slide, source } : { index, slide, html: after };
}

/** The slides that changed, when the deck kept its shape (as many sections, each as many slides). */
export function deckUpdate(before: readonly string[][], after: CompiledDeck): DeckUpdate {
  const shape = after.sections.map((s) => s.length);
  if (before.length !== shape.length || before.some((s, k) => s.length !== shape[k])) return { slidesHtml: after.slidesHtml };
  const changed = after.sections.flatMap((slides, index) => slides.flatMap((html, slide) => (html === before[index][slide] ? [] : [slideChange(index, slide, before[index][slide], html)])));
  return { shape, changed };
}

export interface DevListener {
  updated(update: DeckUpdate, deck: CompiledDeck, reason: string, ms: number): void;
  failed(errors: readonly Diagnostic[], reason: string): void;
}

/** An editor's save can arrive as several events (truncate, then write, microseconds apart)
 * and the watcher may report only the first: wait this long, then read the files. */
const SETTLE_MS = 10;

/** The watcher reports one change of a file per 50 ms (chokidar throttles them): a second
 * save inside that window is heard of by looking again once it has passed. */
const WATCHER_QUIET_MS = 60;

export class DevDeck {
  private lastErrors: Diagnostic[];
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private lookAgain: ReturnType<typeof setTimeout> | undefined;
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
      this.session.invalidateSnippetImports(file);
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

  /** The chapters as they are on disk now: each file's name, time and size. */
  private chapterStamps(): string {
    const dir = this.session.slidesDir;
    try {
      const files = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
      return files
        .map((f) => {
          const { mtimeMs, size } = statSync(path.join(dir, f));
          return `${f}:${mtimeMs}:${size}`;
        })
        .join("\n");
    } catch {
      return ""; // a chapter removed while we looked: its own event follows
    }
  }

  private async recompile(reason: string): Promise<void> {
    const started = performance.now();
    const compiled = this.chapterStamps();
    clearTimeout(this.lookAgain);
    this.lookAgain = setTimeout(() => {
      if (this.chapterStamps() !== compiled) this.requestCompile(`${reason} (saved again)`);
    }, WATCHER_QUIET_MS);
    const deck = await this.session.compile();
    const errors = deck.diagnostics.filter((d) => d.severity === "error");
    this.lastErrors = errors;
    if (errors.length > 0) {
      for (const l of this.listeners) l.failed(errors, reason);
      return;
    }
    const previous = this.deck.sections;
    this.deck = deck;
    const update = deckUpdate(previous, deck);
    const ms = Math.round(performance.now() - started);
    for (const l of this.listeners) l.updated(update, deck, reason, ms);
  }

  /** Waits for the running and queued compiles (for closing cleanly). */
  async idle(): Promise<void> {
    clearTimeout(this.settle);
    clearTimeout(this.lookAgain);
    await this.running;
  }
}
