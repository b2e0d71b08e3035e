// The dev server's live updates: watch the chapters (and whatever the snippets import),
// recompile on change and push the new slides to the page, which swaps them in place and
// keeps the current slide. Errors go to Vite's overlay with file:line:col; the page keeps
// the last good deck.
import path from "node:path";
import type { Plugin, ViteDevServer } from "vite";
import type { CompiledDeck } from "../compile/compile-deck.ts";
import { formatDiagnostic, type Diagnostic } from "../compile/diagnostics.ts";
import type { DeckSession } from "./session.ts";

export interface DevState {
  /** the last deck without errors (or the first one, errors and all) */
  current: CompiledDeck;
}

function overlayPayload(deckRoot: string, errors: readonly Diagnostic[]) {
  const first = errors[0];
  return {
    type: "error" as const,
    err: {
      message: errors.map(formatDiagnostic).join("\n"),
      stack: "",
      id: path.join(deckRoot, first.file),
      loc: { file: path.join(deckRoot, first.file), line: first.line, column: first.col },
      plugin: "backprop-deck",
    },
  };
}

export function createDeckDevPlugin(session: DeckSession, state: DevState, log: (m: string) => void): Plugin {
  const deckRoot = session.options.deckRoot;
  const slidesDir = path.join(deckRoot, session.options.slidesDir ?? "slides");
  let lastErrors: Diagnostic[] = state.current.diagnostics.filter((d) => d.severity === "error");
  let running: Promise<void> = Promise.resolve();
  let queued = false;

  const isChapter = (file: string): boolean => file.startsWith(slidesDir + path.sep) && file.endsWith(".md");
  const isSnippetInput = (file: string): boolean =>
    state.current.snippetDeps.includes(file) || (file.startsWith(slidesDir + path.sep) && !file.endsWith(".md"));

  // An editor's save can arrive as several events (truncate, then write) and the watcher
  // may report only the first: wait a moment, then read the files.
  const SETTLE_MS = 25;
  let settle: ReturnType<typeof setTimeout> | undefined;

  function recompile(server: ViteDevServer, reason: string): void {
    clearTimeout(settle);
    settle = setTimeout(() => startRecompile(server, reason), SETTLE_MS);
  }

  function startRecompile(server: ViteDevServer, reason: string): void {
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      const started = performance.now();
      const deck = await session.compile();
      const errors = deck.diagnostics.filter((d) => d.severity === "error");
      lastErrors = errors;
      if (errors.length > 0) {
        server.ws.send(overlayPayload(deckRoot, errors));
        log(`${reason}: ${errors.length} error(s)\n${errors.map(formatDiagnostic).join("\n")}`);
        return;
      }
      const previous = state.current.sections;
      state.current = deck;
      server.watcher.add(deck.snippetDeps); // a snippet may import files it did not before
      // live examples' code may have changed: the page imports it afresh when next needed
      for (const mod of server.moduleGraph.idToModuleMap.values()) {
        if (mod.id === "\0virtual:deck-live" || /\.live-L\d+-\w+\.ts$/.test(mod.id ?? "")) server.moduleGraph.invalidateModule(mod);
      }
      // Only the top-level sections that changed travel, when the deck keeps its shape.
      const sameShape = previous.length === deck.sections.length;
      const changed = sameShape ? deck.sections.flatMap((html, index) => (html === previous[index] ? [] : [{ index, html }])) : undefined;
      server.ws.send({ type: "custom", event: "deck:update", data: changed ? { count: deck.sections.length, changed } : { slidesHtml: deck.slidesHtml } });
      log(`${reason}: updated in ${Math.round(performance.now() - started)} ms`);
    });
  }

  return {
    name: "backprop-deck:dev",
    configureServer(server) {
      server.watcher.add([slidesDir, ...state.current.snippetDeps]);
      const onFile = (file: string): void => {
        if (isChapter(file)) recompile(server, path.relative(deckRoot, file));
        else if (isSnippetInput(file)) {
          session.runner.invalidate();
          recompile(server, `${path.relative(deckRoot, file)} (re-running snippets)`);
        }
      };
      server.watcher.on("change", onFile);
      server.watcher.on("add", onFile);
      server.watcher.on("unlink", onFile);
      // A page that connects while the deck has errors sees them too.
      server.ws.on("connection", () => {
        if (lastErrors.length > 0) server.ws.send(overlayPayload(deckRoot, lastErrors));
      });
    },
    handleHotUpdate({ file }) {
      // Chapters are not modules of the page: we update them ourselves, no reload.
      if (isChapter(file)) return [];
      return undefined;
    },
  };
}
