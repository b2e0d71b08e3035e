// Renders mermaid diagrams to SVG in headless Chromium, with mermaid's own code, at build
// time. Results are cached on disk by content hash (diagram source, mermaid version,
// configuration), so an unchanged diagram costs nothing on the next build.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { writeFileAtomic } from "../io/atomic-write.ts";
import type { DiagramRenderer, DiagramResult, DiagramSource } from "../shared/diagrams.ts";
import { mermaidConfig } from "../shared/mermaid-config.ts";
import { launchChromium } from "./find-chromium.ts";

const require = createRequire(import.meta.url);

function mermaidFiles(): { script: string; version: string } {
  const pkgJson = require.resolve("mermaid/package.json");
  const version = (JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string }).version;
  return { script: path.join(path.dirname(pkgJson), "dist", "mermaid.min.js"), version };
}

export interface MermaidRendererOptions {
  executablePath: string;
  cacheDir: string;
  theme: "light" | "dark";
  /** called once if Chromium is actually started (for progress output) */
  onLaunch?: () => void;
}

export interface MermaidRenderer extends DiagramRenderer {
  /** Start Chromium and load mermaid now, while other work goes on, for diagrams to come.
   * `sources` are the diagrams expected; nothing starts when all of them are cached. */
  prewarm(sources: readonly string[]): void;
  close(): Promise<void>;
}

export function createMermaidRenderer(options: MermaidRendererOptions): MermaidRenderer {
  const { script, version } = mermaidFiles();
  let browser: Promise<Browser> | undefined;
  let pagePromise: Promise<Page> | undefined;
  /** A page with mermaid loaded and configured, ready to render. */
  const openMermaidPage = async (): Promise<Page> => {
    browser ??= launchChromium(options.executablePath);
    const page = await (await browser).newPage();
    await page.setContent(`<!doctype html><html><body></body></html>`);
    await page.addScriptTag({ path: script });
    await page.evaluate((config) => (window as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config), mermaidConfig(options.theme));
    return page;
  };
  // the configuration is part of the key: a changed font size must redraw every diagram
  const configKey = JSON.stringify(mermaidConfig(options.theme));
  const cacheFile = (source: string): string =>
    path.join(options.cacheDir, `${createHash("sha256").update(`${version}\0${configKey}\0${source}`).digest("hex").slice(0, 24)}.svg`);

  return {
    async render(requests: readonly DiagramSource[]) {
      const results = new Map<string, DiagramResult>();
      const missing: DiagramSource[] = [];
      for (const r of requests) {
        const file = cacheFile(r.source);
        if (existsSync(file)) results.set(r.id, { svg: await readFile(file, "utf8") });
        else if (!missing.some((m) => m.id === r.id)) missing.push(r);
      }
      if (missing.length === 0) return results;

      options.onLaunch?.();
      const page = await (pagePromise ??= openMermaidPage());
      try {
        for (const r of missing) {
          const outcome = await page.evaluate(
            async ({ id, source }) => {
              const mermaid = (window as unknown as { mermaid: { render(id: string, s: string): Promise<{ svg: string }> } }).mermaid;
              try {
                return { svg: (await mermaid.render(`diagram-${id}`, source)).svg };
              } catch (error) {
                document.querySelectorAll(`#ddiagram-${id}, #diagram-${id}`).forEach((el) => el.remove());
                return { error: String((error as Error)?.message ?? error) };
              }
            },
            { id: r.id, source: r.source },
          );
          if (outcome.svg !== undefined) await writeFileAtomic(cacheFile(r.source), outcome.svg);
          results.set(r.id, outcome);
        }
      } catch (error) {
        pagePromise = undefined;
        throw error;
      }
      return results;
    },
    prewarm(sources) {
      if (sources.every((source) => existsSync(cacheFile(source)))) return;
      pagePromise ??= openMermaidPage();
      pagePromise.catch(() => (pagePromise = undefined)); // a failure shows when render() asks
    },
    async close() {
      if (browser) await (await browser).close().catch(() => undefined);
      browser = undefined;
      pagePromise = undefined;
    },
  };
}
