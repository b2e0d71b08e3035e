// `npm run dev`: serves the deck with live updates. Editing a chapter updates its slides
// in place; editing what a snippet imports (src/grad, …) re-runs the snippets.
import { createServer, mergeConfig } from "vite";
import { formatDiagnostic } from "../src/compile/diagnostics.ts";
import { baseViteConfig } from "../src/vite/config.ts";
import { createDeckDevPlugin, type DevState } from "../src/vite/dev-plugin.ts";
import { createDeckHtmlPlugin } from "../src/vite/html-plugin.ts";
import { DeckSession } from "../src/vite/session.ts";

const HELP = `usage: npm run dev [-- --port N] [-- --host]

Serves the deck in slides/ at http://localhost:5173/ (or --port N) with live updates:
editing a chapter updates it in place without leaving the current slide; editing a file a
snippet imports re-runs the snippets. Errors appear in the page's overlay as file:line:col.
--host also listens on the network (to present from another machine).
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const portArg = args.indexOf("--port");
const port = portArg >= 0 ? Number(args[portArg + 1]) : 5173;
const log = (m: string): void => console.log(m);

const session = await DeckSession.create({ deckRoot: process.cwd(), diagrams: "browser", log });
const first = await session.compile();
for (const d of first.diagnostics) console.log(formatDiagnostic(d));
const state: DevState = { current: first };

const server = await createServer(
  mergeConfig(baseViteConfig([createDeckHtmlPlugin(() => state.current), createDeckDevPlugin(session, state, log)], true), {
    server: { port, strictPort: portArg >= 0, host: args.includes("--host") },
  }),
);
await server.listen();
server.printUrls();

const stop = async (): Promise<void> => {
  await server.close();
  await session.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
