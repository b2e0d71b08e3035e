// The dev server in a process of its own, for `npm run bench -- dev`: so that the heap the
// benchmark reads is the server's alone (the benchmark's own process holds the browser's
// client too). Started with the deck's folder; says its URL, answers "heap" with its heap
// after a full collection, and closes on "close".
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startDevServer } from "../../src/vite/dev-server.ts";

export type ToDevServer = "heap" | "close";
export type FromDevServer = { url: string } | { heap: number };

const send = (message: FromDevServer): void => void process.send!(message);
const dev = await startDevServer({ deckRoot: process.argv[2], port: 0 });
process.on("message", async (message: ToDevServer) => {
  if (message === "heap") {
    // V8 exposes gc() only behind a flag: set it, then take the function from a fresh context
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
    send({ heap: process.memoryUsage().heapUsed });
  } else {
    await dev.close();
    process.exit(0);
  }
});
process.on("disconnect", () => void dev.close().then(() => process.exit(0)));
send({ url: dev.url });
