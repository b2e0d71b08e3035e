// The dev server: Vite with the deck's plugins, compiling on start and on every change.
import { createServer, mergeConfig, type ViteDevServer } from "vite";
import { formatDiagnostic } from "../compile/diagnostics.ts";
import { DeckSession } from "../session/session.ts";
import { baseViteConfig } from "./config.ts";
import { createDeckDevPlugin } from "./dev-plugin.ts";
import { DevDeck } from "./dev-state.ts";
import { deckPlugins } from "./plugins.ts";

export interface DevServerOptions {
  deckRoot: string;
  port?: number;
  /** fail instead of trying the next port when `port` is taken */
  strictPort?: boolean;
  host?: boolean;
  log?: (message: string) => void;
}

export interface DeckDevServer {
  server: ViteDevServer;
  url: string;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DeckDevServer> {
  const log = options.log ?? (() => {});
  const { deckRoot } = options;
  const session = DeckSession.create({ deckRoot, diagrams: "browser", log });
  const dev = await DevDeck.start(session);
  for (const d of dev.current.diagnostics) log(formatDiagnostic(d));
  const plugins = deckPlugins({ deckRoot, liveSnippets: () => dev.current.liveSnippets, page: () => dev.current, dev: createDeckDevPlugin(dev, deckRoot, session.slidesDir, log) });
  const server = await createServer(
    mergeConfig(baseViteConfig(plugins, { mermaid: true, live: true, exercises: true }, deckRoot), {
      server: { port: options.port ?? 5173, strictPort: options.strictPort ?? false, host: options.host ?? false },
    }),
  );
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://localhost:${options.port ?? 5173}/`;
  return {
    server,
    url,
    async close() {
      await server.close();
      await dev.idle();
      await session.close();
    },
  };
}
