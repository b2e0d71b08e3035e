// The worker thread that draws mermaid diagrams: it starts Chromium, loads mermaid's ES
// modules into a page and renders the diagrams it is sent, one at a time, each SVG made
// small (svg-optimize.ts, svgo) here, off the main thread. Its own thread,
// so that Chromium's start-up and each render go on while the compile and the bundler keep
// the main thread busy. Protocol: mermaid-protocol.ts.
import path from "node:path";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { Page } from "playwright-core";
import { launchChromium } from "./find-chromium.ts";
import { SVG_OPTIMIZER_CONFIG } from "./svg-optimize.ts";
import type { MermaidWorkerData, ToMermaidWorker, FromMermaidWorker } from "./mermaid-protocol.ts";

/** A made-up origin the page is served from: module scripts need one (file:// refuses
 * them), and every request to it is answered from mermaid's dist folder, never the network. */
const MERMAID_ORIGIN = "http://mermaid.localhost";

/** Serves mermaid's ES module build to `page` and imports it as `window.mermaid`: the page
 * loads only the chunks a diagram needs (the 3.5 MB single script took ≈0.8 s to load). */
async function loadMermaid(page: Page, distDir: string): Promise<void> {
  await page.route(`${MERMAID_ORIGIN}/**`, (route) => {
    const file = path.join(distDir, path.normalize(new URL(route.request().url()).pathname));
    if (!file.startsWith(distDir + path.sep)) return route.abort();
    return route.fulfill({ path: file, contentType: "text/javascript" });
  });
  await page.route(`${MERMAID_ORIGIN}/`, (route) => route.fulfill({ body: "<!doctype html><html><body></body></html>", contentType: "text/html" }));
  await page.goto(`${MERMAID_ORIGIN}/`);
  await page.evaluate(
    async (entry) => {
      (window as unknown as { mermaid: unknown }).mermaid = ((await import(entry)) as { default: unknown }).default;
    },
    "/mermaid.esm.min.mjs",
  );
}

/** mermaid's SVG for `source` drawn with `config` (a JSON string), or its error message
 * (the page is left clean either way). */
function renderIn(page: Page, id: string, source: string, config: string): Promise<{ svg: string } | { error: string }> {
  return page.evaluate(
    async ({ id, source, config }) => {
      type Mermaid = { initialize(c: unknown): void; render(id: string, s: string): Promise<{ svg: string }> };
      const holder = window as unknown as { mermaid: Mermaid; mermaidConfig?: string };
      const mermaid = holder.mermaid;
      if (holder.mermaidConfig !== config) {
        mermaid.initialize(JSON.parse(config));
        holder.mermaidConfig = config;
      }
      try {
        return { svg: (await mermaid.render(`diagram-${id}`, source)).svg };
      } catch (error) {
        document.querySelectorAll(`#ddiagram-${id}, #diagram-${id}`).forEach((el) => el.remove());
        return { error: String((error as Error)?.message ?? error) };
      }
    },
    { id, source, config },
  );
}

/** svgo, loaded (and its first, slow, run done on a tiny drawing) while Chromium starts. */
async function loadOptimizer(): Promise<(svg: string) => string> {
  const { optimize } = await import("svgo");
  const run = (svg: string): string => optimize(svg, SVG_OPTIMIZER_CONFIG).data;
  run('<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:red}</style><path class="a" d="M 0 0 C 1 1, 2 2, 3 3"/></svg>');
  return run;
}

/** Answers the main thread's requests in order, one render at a time (mermaid keeps state
 * per render); each SVG is optimised while Chromium draws the next one. */
function serve(port: MessagePort, data: MermaidWorkerData): void {
  const send = (message: FromMermaidWorker): void => port.postMessage(message);
  const browser = launchChromium(data.executablePath);
  const page = browser.then(async (b) => {
    const p = await b.newPage();
    await loadMermaid(p, data.distDir);
    return p;
  });
  page.catch(() => undefined); // reported to the request that waits for it
  const optimizer = loadOptimizer();
  optimizer.catch(() => undefined); // reported to each request that needs it
  let drawing: Promise<void> = Promise.resolve();
  let answering: Promise<void> = Promise.resolve();
  port.on("message", (message: ToMermaidWorker) => {
    if (message.type === "close") {
      answering = Promise.all([drawing, answering]).then(async () => {
        await (await browser.catch(() => undefined))?.close().catch(() => undefined);
        port.close();
      });
      return;
    }
    const drawn = drawing.then(async () => renderIn(await page, message.id, message.source, JSON.stringify(message.config)));
    drawing = drawn.then(() => undefined, () => undefined);
    answering = answering.then(async () => {
      try {
        const result = await drawn;
        await new Promise((resolve) => setImmediate(resolve)); // let the next drawing start first
        send({ type: "result", request: message.request, result: "svg" in result ? { svg: (await optimizer)(result.svg) } : result });
      } catch (error) {
        send({ type: "failed", request: message.request, message: String((error as Error)?.message ?? error) });
      }
    });
  });
}

serve(parentPort!, workerData as MermaidWorkerData);
