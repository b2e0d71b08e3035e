// The worker thread that highlights code with shiki (shiki.ts): a cold build's grammar takes
// a quarter of a second to compile and tokenize with, which this thread spends while the
// main thread loads the compiler and renders the slides before the first one that shows the
// code. It loads shiki as it starts and answers requests in order. Protocol: HighlightRequest
// → HighlightReply (highlight.ts).
import { parentPort, type MessagePort } from "node:worker_threads";
import type { HighlightReply, HighlightRequest } from "./highlight.ts";
import { ShikiHighlighting } from "./shiki.ts";

function serve(port: MessagePort): void {
  const shiki = new ShikiHighlighting();
  let answering: Promise<void> = Promise.resolve();
  port.on("message", ({ request, blocks }: HighlightRequest) => {
    answering = answering.then(async () => {
      try {
        port.postMessage({ request, html: await shiki.highlight(blocks) } satisfies HighlightReply);
      } catch (error) {
        port.postMessage({ request, error: String((error as Error)?.message ?? error) } satisfies HighlightReply);
      }
    });
  });
}

serve(parentPort!);
