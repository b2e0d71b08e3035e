// The worker thread that draws mermaid diagrams: it starts Chromium, loads mermaid's ES
// modules into a page and renders the diagrams it is sent, one at a time, each SVG made
// small (svg-optimize.ts, svgo) here, off the main thread. Its own thread,
// so that Chromium's start-up and each render go on while the compile and the bundler keep
// the main thread busy. Protocol: mermaid-protocol.ts.
import path from "node:path";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { CdpPipe, evaluate, navigate, openPage } from "./cdp-pipe.ts";
import { SVG_OPTIMIZER_CONFIG } from "./svg-optimize.ts";
import type { MermaidWorkerData, ToMermaidWorker, FromMermaidWorker } from "./mermaid-protocol.ts";

/** The page mermaid draws in, beside this module's source (a bundled worker runs from the
 * cache: found from the package's root). */
const MERMAID_PAGE = path.join(PACKAGE_ROOT, "src", "chromium", "mermaid-page.html");

/** A page of `browser` that has imported mermaid's ES module build as `window.mermaid`,
 * straight from its dist folder: Chromium loads only the chunks a diagram needs (the 3.5 MB
 * single script took ≈0.8 s), from disk (see FILE_ACCESS_ARGS in cdp-pipe.ts). */
async function openMermaidPage(browser: CdpPipe, distDir: string): Promise<string> {
  const sessionId = await openPage(browser);
  await navigate(browser, sessionId, pathToFileURL(MERMAID_PAGE).href);
  const entry = pathToFileURL(path.join(distDir, "mermaid.esm.min.mjs")).href;
  await evaluate(browser, sessionId, `import(${JSON.stringify(entry)}).then((m) => { window.mermaid = m.default; })`);
  return sessionId;
}

/** Runs in the page: mermaid's SVG for `source` drawn with `config` (a JSON string), or its
 * error message (the page is left clean either way). */
async function renderInPage({ id, source, config }: { id: string; source: string; config: string }): Promise<{ svg: string } | { error: string }> {
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
}

/** svgo, loaded (and its first, slow, run done on a tiny drawing) while Chromium starts.
 * Its build in one file ("svgo/browser", the same optimiser with css-tree and csso inside):
 * the package's own entry is about 500 modules, which took a cold build's worker thread
 * 0.3–0.4 s to load, this one 0.1 s. */
async function loadOptimizer(): Promise<(svg: string) => string> {
  const { optimize } = await import("svgo/browser");
  const run = (svg: string): string => optimize(svg, SVG_OPTIMIZER_CONFIG).data;
  run('<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:red}</style><path class="a" d="M 0 0 C 1 1, 2 2, 3 3"/></svg>');
  return run;
}

/** Answers the main thread's requests in order, one render at a time (mermaid keeps state
 * per render); each SVG is optimised while Chromium draws the next one. */
function serve(port: MessagePort, data: MermaidWorkerData): void {
  const send = (message: FromMermaidWorker): void => port.postMessage(message);
  const browser = CdpPipe.launch(data.executablePath);
  const page = openMermaidPage(browser, data.distDir);
  page.catch(() => undefined); // reported to the request that waits for it
  const optimizer = loadOptimizer();
  optimizer.catch(() => undefined); // reported to each request that needs it
  let drawing: Promise<void> = Promise.resolve();
  let answering: Promise<void> = Promise.resolve();
  port.on("message", (message: ToMermaidWorker) => {
    if (message.type === "close") {
      answering = Promise.all([drawing, answering]).then(async () => {
        await browser.close();
        port.close();
      });
      return;
    }
    const args = { id: message.id, source: message.source, config: JSON.stringify(message.config) };
    const drawn = drawing.then(async () => evaluate<Awaited<ReturnType<typeof renderInPage>>>(browser, await page, `(${renderInPage.toString()})(${JSON.stringify(args)})`));
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
