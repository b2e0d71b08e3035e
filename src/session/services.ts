// The long-lived services a compile uses, with one lifecycle: the code highlighter, the
// snippet worker (its bundle built once), Chromium for diagrams (started only when a
// diagram is not cached) and the font subsetter. Created together, closed together; the
// session and the tests both get theirs here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findBuildChromium, INSTALL_HINT } from "../chromium/find-chromium.ts";
import { createMermaidRenderer, type MermaidRenderer } from "../chromium/mermaid-renderer.ts";
import { MermaidWorkerClient } from "../chromium/mermaid-worker-client.ts";
import type { CompileCache } from "../compile/cache.ts";
import { DEFAULT_OPTIONS } from "../compile/deck-options.ts";
import { createCodeHighlighter, type Highlighter } from "../compile/markdown/highlight.ts";
import type { HighlightWorkerClient } from "../compile/markdown/highlight-worker-client.ts";
import { bundleSnippetWorker, SnippetRunner } from "../compile/snippets/runner.ts";
import type { CompileServices } from "../compile/state.ts";
import { cacheDir } from "../io/cache-dir.ts";
import { lastStageUsing } from "../compile/pipeline.ts";

export interface ServiceOptions {
  /** the deck's folder: its files are what snippets and includes read */
  deckRoot: string;
  /** "chromium": pre-render diagrams to SVG (falls back to the browser when there is no
   * Chromium); "browser": always leave them to mermaid in the browser (dev server) */
  diagrams: "chromium" | "browser";
  log?: (message: string) => void;
  /** a diagram worker started before the session (see early-diagrams.ts): the services
   * take it over, and close it with the rest */
  diagramWorker?: MermaidWorkerClient;
  /** the highlighter's worker started before the session (see early-highlight.ts), at work
   * on the deck's code: the services take it over likewise */
  highlightWorker?: HighlightWorkerClient;
  /** a session that compiles once (a build, a check): the snippet worker and Chromium are
   * closed as soon as the compile is past the last stage that uses them, so that their
   * memory is given back while the rest goes on (the bundler, the last stages) */
  compilesOnce?: boolean;
}

/** This process's memory for DECK_TIMINGS: the JavaScript heap, memory outside it (buffers,
 * WebAssembly instances) and the resident total, in MiB. */
export function memoryFigures(): string {
  const m = process.memoryUsage();
  const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
  return `heap ${mib(m.heapUsed)} MiB, external ${mib(m.external)} MiB, rss ${mib(m.rss)} MiB`;
}

/** The last stage of a compile that asks the snippet worker (cases, notation), and the last
 * that asks Chromium for diagrams (src/compile/pipeline.ts). */
const LAST_SNIPPET_STAGE = lastStageUsing("snippet-worker");
const LAST_DIAGRAM_STAGE = lastStageUsing("chromium");

/** How a snippet's call to the worker is keyed in WorkerCallMemo: this, its file and code. */
const SNIPPET_CALL = "snippet\0";

/** Answers of the snippet worker by what was asked: a snippet's value depends on its code
 * and the files it imports, a case's numbers on its file and the notation's — so a dev
 * session asks again only what read a file that changed (forget()), and forgets a snippet's
 * earlier versions (sweep()). Failures are never kept: they must be reported again, at
 * their place. */
export class WorkerCallMemo {
  private readonly answers = new Map<string, Promise<WorkerAnswer>>();
  /** the answers that came, for a later process (src/session/compile-store.ts) */
  private readonly settled = new Map<string, WorkerAnswer>();
  private stockedCount = 0;

  /** what the compile under way asked (sweep) */
  private readonly used = new Set<string>();

  remember<T extends WorkerAnswer>(key: string, ask: () => Promise<T>): Promise<T> {
    this.used.add(key);
    const kept = this.answers.get(key) as Promise<T> | undefined; // stored under this key by this method, with its own T
    if (kept) return kept;
    const answer = ask();
    this.answers.set(key, answer);
    // an answer forgotten on its way (forget()) is not kept when it comes
    const current = (): boolean => this.answers.get(key) === answer;
    answer.then(
      (a) => current() && (a.ok ? this.settled.set(key, a) : this.answers.delete(key)),
      () => current() && this.answers.delete(key),
    );
    return answer;
  }

  /** The answers that came (successes only), by what was asked. */
  held(): [string, WorkerAnswer][] {
    return [...this.settled];
  }

  /** Whether answers an earlier process got were taken over. */
  get isStocked(): boolean {
    return this.stockedCount > 0;
  }

  /** Answers an earlier process got, still true (the files they read are unchanged). */
  stock(entries: Iterable<[string, WorkerAnswer]>): void {
    for (const [key, answer] of entries) {
      this.stockedCount++;
      this.answers.set(key, Promise.resolve(answer));
      this.settled.set(key, answer);
    }
  }

  /** Forgets the snippets' answers the compile just done did not ask for: a snippet's earlier
   * versions (a dev session sees many, each holding its value). Only snippets: every compile
   * runs every snippet, while a case or the notation may be asked only when a slide that
   * needs it is not in the compile cache. */
  sweep(): void {
    for (const key of [...this.answers.keys()]) {
      if (this.used.has(key) || !key.startsWith(SNIPPET_CALL)) continue;
      this.answers.delete(key);
      this.settled.delete(key);
    }
    this.used.clear();
  }

  /** `file` (absolute), which a snippet, a case or the notation may read, has changed: the
   * answers that read it are asked again, and so are those still on their way (what they
   * read is not known yet); the others stand. */
  forget(file: string): void {
    for (const [key, answer] of this.settled) {
      if (!answer.deps.includes(file)) continue;
      this.settled.delete(key);
      this.answers.delete(key);
    }
    for (const key of [...this.answers.keys()]) if (!this.settled.has(key)) this.answers.delete(key);
  }
}

/** What the worker answers: whether it went well, and the files the answer read. */
export interface WorkerAnswer {
  ok: boolean;
  deps: readonly string[];
}

export class DeckServices {
  readonly snippets: SnippetRunner;
  /** true when diagrams had to be left to the browser because no Chromium was found */
  noChromium = false;
  private snippetTimeoutMs = DEFAULT_OPTIONS.snippetTimeoutMs;
  private readonly renderers = new Map<string, MermaidRenderer>();
  /** draws for every theme's renderer; started on first need */
  private diagramWorker: MermaidWorkerClient | undefined;
  /** what the snippet worker answered, kept until a file it read changes */
  readonly workerCalls = new WorkerCallMemo();
  /** who waits for Chromium to finish drawing and close (drawingsDone) */
  private readonly drawingWaiters: (() => void)[] = [];

  private constructor(
    readonly options: ServiceOptions,
    private readonly highlighter: Highlighter,
  ) {
    // bundled when a compile first finds snippets (prewarmSnippets): a deck without any
    // spends nothing on it, and the build's busiest first second is spared it
    let workerFile: Promise<string> | undefined;
    const snippetWorkerFile = (): Promise<string> => (workerFile ??= bundleSnippetWorker());
    this.snippets = new SnippetRunner(options.deckRoot, () => this.snippetTimeoutMs, snippetWorkerFile, () => this.drawingsDone());
    this.diagramWorker = options.diagramWorker;
  }

  /** Services, none of them started yet: the snippet worker starts when a compile finds
   * snippets (prewarmSnippets), Chromium when a diagram is not cached, and the highlighter
   * starts shiki's worker when a compile first shows code its cache lacks (or takes over
   * one started early). */
  static create(options: ServiceOptions): DeckServices {
    return new DeckServices(options, createCodeHighlighter(cacheDir(options.deckRoot, "code"), options.highlightWorker));
  }

  /** What one compile gets: these services, and `cache` when compiles should share one. */
  async forCompile(cache?: CompileCache): Promise<CompileServices> {
    const { deckRoot } = this.options;
    return {
      highlighter: this.highlighter,
      runSnippet: (s) => this.workerCalls.remember(`${SNIPPET_CALL}${s.file}\0${s.code}`, () => this.snippets.run(s)),
      evaluateCase: (caseFile, notationFile) => this.workerCalls.remember(`case\0${caseFile}\0${notationFile ?? ""}`, () => this.snippets.evaluateCase(caseFile, notationFile)),
      loadNotation: (file) => this.workerCalls.remember(`notation\0${file}`, () => this.snippets.loadNotation(file)),
      readProjectFile: (p) => {
        const file = path.join(deckRoot, p);
        return existsSync(file) ? readFileSync(file, "utf8") : undefined;
      },
      diagrams: (theme) => this.diagramRenderer(theme),
      cache,
      onStageDone: (stage, ms) => {
        if (process.env.DECK_TIMINGS) this.options.log?.(`  ${stage}: ${Math.round(ms)} ms, ${memoryFigures()}`);
        if (this.options.compilesOnce && stage === LAST_SNIPPET_STAGE) void this.snippets.close();
        if (this.options.compilesOnce && stage === LAST_DIAGRAM_STAGE) void this.closeDiagrams();
      },
      // a session that took over an earlier process's answers likely needs no worker at all:
      // it starts on the first snippet that is not answered
      prewarmSnippets: () => (this.workerCalls.isStocked ? undefined : this.snippets.warmUp()),
      onOptions: (o) => {
        this.snippetTimeoutMs = o.snippetTimeoutMs;
      },
    };
  }

  private diagramRenderer(theme: "light" | "dark"): MermaidRenderer | undefined {
    if (this.options.diagrams === "browser") return undefined;
    const existing = this.renderers.get(theme);
    if (existing) return existing;
    const executablePath = findBuildChromium();
    if (!executablePath) {
      if (!this.noChromium) {
        this.options.log?.(`No Chromium found, so diagrams will be drawn by mermaid in the browser (a larger offline file). To pre-render them, ${INSTALL_HINT}.`);
      }
      this.noChromium = true;
      return undefined;
    }
    const renderer = createMermaidRenderer({
      worker: () => (this.diagramWorker ??= new MermaidWorkerClient(executablePath)),
      theme,
      cacheDir: cacheDir(this.options.deckRoot, "diagrams"),
      onLaunch: () => this.options.log?.("rendering diagrams in headless Chromium…"),
      // a build gives Chromium's memory back once what it was asked to draw is drawn
      onIdle: this.options.compilesOnce ? () => void this.closeDiagrams().catch(() => undefined).then(() => this.drawingWaiters.splice(0).forEach((go) => go())) : undefined,
    });
    this.renderers.set(theme, renderer);
    return renderer;
  }

  /** Resolves when Chromium is done drawing: at once but in a build that is drawing. A
   * build's snippet worker starts then (the drawings are asked for first, parse.ts): both
   * at once would hold their memory together (≈ 170 + 300 MiB). */
  private drawingsDone(): Promise<void> {
    if (!this.options.compilesOnce || ![...this.renderers.values()].some((r) => r.drawing)) return Promise.resolve();
    return new Promise((resolve) => this.drawingWaiters.push(resolve));
  }

  private async closeDiagrams(): Promise<void> {
    const worker = this.diagramWorker;
    this.diagramWorker = undefined;
    this.renderers.clear();
    await worker?.close();
  }

  async close(): Promise<void> {
    await Promise.all([this.snippets.close(), this.closeDiagrams(), this.highlighter.close()]);
  }
}
