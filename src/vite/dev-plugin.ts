// The dev server's live updates: the plugin watches the chapters (and whatever the snippets
// import), tells the DevDeck (src/vite/dev-state.ts) what changed, and forwards what it
// announces to the page — new sections, which the page swaps in place keeping the current
// slide, or errors for Vite's overlay with file:line:col (the page keeps the last good deck).
import path from "node:path";
import type { Plugin, ViteDevServer } from "vite";
import { formatDiagnostic, type Diagnostic } from "../compile/diagnostics.ts";
import { isLiveModuleId, LIVE_RESOLVED_ID } from "../compile/snippets/identity.ts";
import type { DevDeck } from "./dev-state.ts";

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

export function createDeckDevPlugin(dev: DevDeck, deckRoot: string, slidesDir: string, log: (m: string) => void): Plugin {
  const connect = (server: ViteDevServer): void => {
    // the files watched for the snippets: chokidar stats a path again each time it is added
    const watched = new Set<string>(dev.current.snippetDeps);
    server.watcher.on("unlink", (file) => watched.delete(file)); // added again once it is back
    dev.subscribe({
      failed(errors, reason) {
        server.ws.send(overlayPayload(deckRoot, errors));
        log(`${reason}: ${errors.length} error(s)\n${errors.map(formatDiagnostic).join("\n")}`);
      },
      updated(update, deck, reason, ms) {
        const added = deck.snippetDeps.filter((file) => !watched.has(file)); // a snippet may import files it did not before
        if (added.length > 0) server.watcher.add(added);
        for (const file of added) watched.add(file);
        // live examples' code may have changed: the page imports it afresh when next needed
        for (const mod of server.moduleGraph.idToModuleMap.values()) {
          if (mod.id === LIVE_RESOLVED_ID || isLiveModuleId(mod.id ?? "")) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: "custom", event: "deck:update", data: update });
        log(`${reason}: updated in ${ms} ms`);
      },
    });
  };
  return {
    name: "backprop-deck:dev",
    configureServer(server) {
      connect(server);
      server.watcher.add([slidesDir, ...dev.current.snippetDeps]);
      const onFile = (file: string): void => void dev.fileChanged(file);
      server.watcher.on("change", onFile);
      server.watcher.on("add", onFile);
      server.watcher.on("unlink", onFile);
      // A page that connects while the deck has errors sees them too.
      server.ws.on("connection", () => {
        if (dev.errors.length > 0) server.ws.send(overlayPayload(deckRoot, dev.errors));
      });
    },
    handleHotUpdate({ file }) {
      // Chapters are not modules of the page: we update them ourselves, no reload.
      if (dev.isChapter(file)) return [];
      return undefined;
    },
  };
}
