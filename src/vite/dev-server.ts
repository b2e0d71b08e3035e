// The dev server: Vite with the deck's plugins, compiling on start and on every change.
import { createServer, mergeConfig, type ViteDevServer } from "vite";
import { formatDiagnostic } from "../compile/diagnostics.ts";
import { baseViteConfig } from "./config.ts";
import { createDeckDevPlugin, type DevState } from "./dev-plugin.ts";
import { createDeckHtmlPlugin } from "./html-plugin.ts";
import { createLiveExamplesPlugin } from "./live-plugin.ts";
import { DeckSession } from "./session.ts";

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
  const session = await DeckSession.create({ deckRoot: options.deckRoot, diagrams: "browser", log });
  const first = await session.compile();
  for (const d of first.diagnostics) log(formatDiagnostic(d));
  const state: DevState = { current: first };
  const server = await createServer(
    mergeConfig(baseViteConfig([createDeckHtmlPlugin(() => state.current), createLiveExamplesPlugin(options.deckRoot, () => state.current), createDeckDevPlugin(session, state, log)], true, options.deckRoot), {
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
      await session.close();
    },
  };
}
