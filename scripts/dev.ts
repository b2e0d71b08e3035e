// `npm run dev`: serves the deck with live updates. Editing a chapter updates its slides
// in place; editing what a snippet imports (src/grad, …) re-runs the snippets.
import { startDevServer } from "../src/vite/dev-server.ts";

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

const dev = await startDevServer({
  deckRoot: process.cwd(),
  port: portArg >= 0 ? Number(args[portArg + 1]) : 5173,
  strictPort: portArg >= 0,
  host: args.includes("--host"),
  log: (m) => console.log(m),
});
dev.server.printUrls();

const stop = async (): Promise<void> => {
  await dev.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
