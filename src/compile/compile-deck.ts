// The deck compiler: chapters of Markdown in, the reveal.js slides' HTML out, with every
// problem as a diagnostic. The stages, in order:
//   1. front matter and splitting (pure)          3. Markdown → HTML per slide
//   2. snippets run (async, in a worker)           4. per-slide HTML passes (cached), deck-wide checks
//   5. diagrams rendered to SVG (async, Chromium) or left for the browser
import { parseHTML } from "linkedom";
import type { Token } from "markdown-it";
import { DEFAULT_OPTIONS, readDeckOptions, type DeckOptions } from "./deck-options.ts";
import { Diagnostics, type Diagnostic } from "./diagnostics.ts";
import type { DiagramRenderer } from "./diagrams/types.ts";
import { applyDiagramSteps, parseDiagramSteps } from "../shared/diagram-steps.ts";
import { escapeHtml } from "../shared/html.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { applyCommentAttributes } from "./html/comment-attributes.ts";
import { checkExampleLinks, sourceOf } from "./html/example-links.ts";
import { applyMathSteps } from "./html/math-steps.ts";
import { snippetKey, type DeckEnv, type DiagramRequest } from "./markdown/env.ts";
import { parseFenceInfo } from "./markdown/fences.ts";
import type { Highlighter } from "./markdown/highlight.ts";
import { createMarkdown } from "./markdown/index.ts";
import { splitSlides, type SlideSource } from "./split.ts";
import type { SnippetOutcome, SnippetSource } from "./snippets/types.ts";

export interface ChapterFile {
  /** project-relative path, forward slashes */
  path: string;
  text: string;
}

export interface CompileServices {
  highlighter: Highlighter;
  runSnippet(snippet: SnippetSource): Promise<SnippetOutcome>;
  readProjectFile(path: string): string | undefined;
  /** called once the deck options are known, before any snippet runs */
  onOptions?(options: DeckOptions): void;
  /** the diagram renderer for the deck's theme; undefined leaves diagrams to mermaid's
   * runtime in the browser */
  diagrams(theme: DeckOptions["theme"]): DiagramRenderer | undefined;
  /** processed slides and diagrams from earlier compiles (the dev server keeps one) */
  cache?: CompileCache;
}

/** Per-slide HTML passes and diagram post-processing, remembered by their input. */
export class CompileCache {
  private slides = new Map<string, { section: Element; html: string }>();
  private diagrams = new Map<string, { html: string; missing: ReturnType<typeof applyDiagramSteps> }>();
  private used = new Set<string>();

  /** Forget what the last compile did not use (a dev session edits for hours). */
  sweep(): void {
    for (const key of this.slides.keys()) if (!this.used.has(key)) this.slides.delete(key);
    this.used.clear();
  }

  processSlide(html: string): { section: Element; html: string } {
    this.used.add(html);
    const hit = this.slides.get(html);
    if (hit) return hit;
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const section = document.querySelector("section")!;
    applyCommentAttributes(section, document);
    applyMathSteps(section);
    liftHeadingId(section);
    const done = { section, html: section.outerHTML };
    this.slides.set(html, done);
    return done;
  }

  processDiagram(svg: string, source: string): { html: string; missing: ReturnType<typeof applyDiagramSteps> } {
    const key = `${source}\0${svg}`; // the steps come from the source, the rest from the SVG
    const hit = this.diagrams.get(key);
    if (hit) return hit;
    const { document } = parseHTML(`<!doctype html><html><body><div>${scaleDiagram(svg)}</div></body></html>`);
    const root = document.querySelector("svg");
    const missing = root ? applyDiagramSteps(root, parseDiagramSteps(source)) : [];
    const done = { html: document.querySelector("div")!.innerHTML, missing };
    this.diagrams.set(key, done);
    return done;
  }
}

export interface CompiledDeck {
  options: DeckOptions;
  /** the <section> elements, ready for `.reveal .slides` */
  slidesHtml: string;
  /** the same, one string per top-level section (a slide or a vertical stack) */
  sections: string[];
  /** chapter titles with the index of their first horizontal slide (for the PDF outline) */
  chapters: { title: string; file: string; slideIndex: number }[];
  diagnostics: Diagnostic[];
  /** diagrams the browser must render itself (no renderer, or dev) */
  runtimeDiagrams: number;
  /** files the snippets imported, to re-run them when one changes */
  snippetDeps: string[];
  /** snippets whose value is a live example: the deck bundles their code for the browser */
  liveSnippets: SnippetSource[];
  slideCount: number;
}

interface ParsedSlide {
  source: SlideSource;
  tokens: Token[];
  notesTokens?: Token[];
  lines: readonly string[];
}

export async function compileDeck(chapters: readonly ChapterFile[], services: CompileServices): Promise<CompiledDeck> {
  const diagnostics = new Diagnostics();
  const md = createMarkdown();
  let options: DeckOptions = { ...DEFAULT_OPTIONS };
  const chapterTitles: { title: string; file: string; firstSlide: number }[] = [];

  // 1. Front matter and slides.
  const parsed: ParsedSlide[] = [];
  chapters.forEach((chapter, index) => {
    const front = splitFrontMatter(chapter.text, chapter.path, diagnostics);
    if (index === 0) options = readDeckOptions(front.data, chapter.path, 2, diagnostics);
    else {
      for (const key of Object.keys(front.data)) {
        if (key !== "chapter") diagnostics.error({ file: chapter.path, line: 2, col: 1 }, `front matter: "${key}" is a deck option; only the first chapter (${chapters[0].path}) sets deck options`);
      }
    }
    const lines = chapter.text.split("\n");
    const slides = splitSlides(front.body, chapter.path, front.bodyLine);
    const title = typeof front.data.chapter === "string" ? front.data.chapter : "";
    if (slides.length > 0) chapterTitles.push({ title, file: chapter.path, firstSlide: parsed.length });
    for (const source of slides) {
      const env = { file: chapter.path, firstLine: source.line, sourceLines: lines };
      parsed.push({
        source,
        lines,
        tokens: md.parse(source.markdown, env),
        notesTokens: source.notes ? md.parse(source.notes.markdown, { ...env, firstLine: source.notes.line }) : undefined,
      });
    }
  });

  services.onOptions?.(options);

  // 2. Snippets, one at a time, in deck order (so output never depends on timing).
  const outcomes = new Map<string, SnippetOutcome>();
  const deps = new Set<string>();
  const liveSnippets: SnippetSource[] = [];
  for (const slide of parsed) {
    for (const token of slide.tokens) {
      if (token.type !== "fence" || !parseFenceInfo(token.info).run) continue;
      const line = slide.source.line + token.map![0];
      const key = snippetKey(slide.source.file, line);
      const outcome = await services.runSnippet({ key, file: slide.source.file, line, code: token.content });
      outcomes.set(key, outcome);
      if (outcome.ok && [outcome.value].flat().some((v) => (v as { __deck?: unknown } | null)?.__deck === "live")) {
        liveSnippets.push({ key, file: slide.source.file, line, code: token.content });
      }
      outcome.deps.forEach((d) => deps.add(d));
      if (!outcome.ok) diagnostics.error({ file: slide.source.file, line: outcome.error.line, col: outcome.error.col }, `snippet: ${outcome.error.message}`);
    }
  }

  // 3. Markdown → HTML.
  const diagrams: DiagramRequest[] = [];
  const envFor = (slide: ParsedSlide, firstLine: number): DeckEnv => ({
    file: slide.source.file,
    firstLine,
    sourceLines: slide.lines,
    diagnostics,
    macros: options.macros,
    highlighter: services.highlighter,
    snippets: outcomes,
    readProjectFile: services.readProjectFile,
    diagrams,
  });
  const rendered = parsed.map((slide) => {
    const body = md.renderer.render(slide.tokens, md.options, { ...envFor(slide, slide.source.line) });
    const notes = slide.notesTokens
      ? `<aside class="notes">${md.renderer.render(slide.notesTokens, md.options, { ...envFor(slide, slide.source.notes!.line) })}</aside>`
      : "";
    return { slide, html: `<section data-source="${slide.source.file}:${slide.source.line}">\n${body}${notes}</section>` };
  });

  // 4. Per-slide HTML passes, each slide parsed on its own and cached by its HTML, so an
  //    edit in the dev server re-processes only the slides it changed.
  const cache = services.cache ?? new CompileCache();
  const processed = rendered.map(({ html }) => cache.processSlide(html));
  const leaves = processed.map((p) => p.section);
  checkDuplicateIds(leaves, diagnostics);
  checkExampleLinks(leaves, diagnostics, (from, text) => {
    const lines = chapters.find((c) => c.path === from.file)?.text.split("\n") ?? [];
    for (let k = from.line - 1; k < lines.length; k++) {
      const at = lines[k].indexOf(text);
      if (at < 0) continue;
      const bracket = lines[k].lastIndexOf("[", at); // the start of a Markdown link
      return { file: from.file, line: k + 1, col: (bracket >= 0 ? bracket : at) + 1 };
    }
    return undefined;
  });

  // 5. Diagrams: SVG now, or the browser renders them.
  let runtimeDiagrams = 0;
  const renderer = diagrams.length > 0 ? services.diagrams(options.theme) : undefined;
  const svgs = renderer ? await renderer.render(diagrams) : undefined;
  const diagramHtml = new Map<string, { html: string; runtime: boolean }>();
  for (const request of diagrams) {
    if (diagramHtml.has(request.id)) continue;
    const result = svgs?.get(request.id);
    if (result && "svg" in result) {
      const { html, missing } = cache.processDiagram(result.svg, request.source);
      for (const { step, target } of missing) {
        diagnostics.error({ ...request.at, line: request.at.line + 1 + step.line }, `mermaid: step ${step.index}: no node or edge "${target}" in this diagram`);
      }
      diagramHtml.set(request.id, { html, runtime: false });
    } else {
      if (result && "error" in result) {
        // mermaid says "Parse error on line N: …" counting from the diagram's first line
        // (and past its last line for an unexpected end): map it into the fence.
        const diagramLines = request.source.replace(/\s+$/, "").split("\n").length;
        const lineInDiagram = Math.min(Number(/on line (\d+)/.exec(result.error)?.[1] ?? 0), diagramLines);
        const message = result.error.replace(/\s*\n\s*/g, " ").slice(0, 300);
        diagnostics.error({ ...request.at, line: request.at.line + lineInDiagram }, `mermaid: ${message}`);
      }
      diagramHtml.set(request.id, { html: `<pre class="mermaid-source">${escapeHtml(request.source)}</pre>`, runtime: true });
    }
  }
  const withDiagrams = processed.map(({ html }) =>
    html.replace(/<div class="diagram"([^>]*?) data-diagram="(\w+)"([^>]*)><\/div>/g, (_m, before: string, id: string, after: string) => {
      const d = diagramHtml.get(id);
      if (!d) return _m;
      if (d.runtime) runtimeDiagrams++;
      return `<div class="diagram${d.runtime ? " diagram-runtime" : ""}"${before} data-diagram="${id}"${after}>${d.html}</div>`;
    }),
  );

  // Group vertical slides: consecutive slides of one chapter with the same h.
  const groups: string[][] = [];
  const groupStart: number[] = [];
  rendered.forEach(({ slide }, k) => {
    const prev = rendered[k - 1]?.slide.source;
    const sameGroup = prev && prev.file === slide.source.file && prev.h === slide.source.h;
    if (sameGroup) groups[groups.length - 1].push(withDiagrams[k]);
    else {
      groups.push([withDiagrams[k]]);
      groupStart.push(k);
    }
  });
  const sections = groups.map((g) => (g.length === 1 ? g[0] : `<section>\n${g.join("\n")}\n</section>`));
  const slidesHtml = sections.join("\n");
  cache.sweep();

  const horizontalIndex = (slideIndex: number): number => groupStart.filter((s) => s <= slideIndex).length - 1;
  return {
    options,
    slidesHtml,
    sections,
    // A chapter without `chapter:` in its front matter is named by its first heading.
    chapters: chapterTitles.map((c) => ({
      title: c.title || leaves[c.firstSlide]?.querySelector("h1, h2, h3")?.textContent?.trim() || c.file,
      file: c.file,
      slideIndex: horizontalIndex(c.firstSlide),
    })),
    diagnostics: diagnostics.list,
    runtimeDiagrams,
    snippetDeps: [...deps].sort(),
    liveSnippets,
    slideCount: leaves.length,
  };
}

/** `# Title {#id}` on a slide's first heading names the slide, so `#/id` links reach it. */
function liftHeadingId(section: Element): void {
  if (section.id) return;
  const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
  if (heading?.id) {
    section.id = heading.id;
    heading.removeAttribute("id");
  }
}

function checkDuplicateIds(slides: readonly Element[], diagnostics: Diagnostics): void {
  const seen = new Map<string, Element>();
  for (const s of slides) {
    if (!s.id) continue;
    const first = seen.get(s.id);
    if (first) {
      const at = sourceOf(first);
      diagnostics.error(sourceOf(s), `slide id "${s.id}" is already used by the slide at ${at.file}:${at.line}`);
    } else seen.set(s.id, s);
  }
}

/** mermaid sizes a diagram for a 16px page; slides are 1280 px wide with 32px text, so a
 * diagram may grow to DIAGRAM_SCALE times its natural width (CSS still caps it to the slide). */
const DIAGRAM_SCALE = 2.2;

function scaleDiagram(svg: string): string {
  return roundSvgNumbers(svg).replace(/(<svg[^>]*?style="[^"]*?)max-width:\s*([\d.]+)px;?/, (_m, head: string, width: string) => `${head}max-width: ${Math.round(Number(width) * DIAGRAM_SCALE)}px;`);
}

/** mermaid writes coordinates with up to 15 decimals; two are plenty at any zoom, and the
 * offline file is a third smaller for it. Only geometry attributes are touched. */
function roundSvgNumbers(svg: string): string {
  return svg.replace(/\b(d|points|transform|viewBox|x|y|x1|x2|y1|y2|width|height|cx|cy|r|rx|ry)="([^"]*)"/g, (_m, name: string, value: string) =>
    `${name}="${value.replace(/(-?\d+\.\d{3,})/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );
}
