// The static build end to end: site + offline file, atomic dist/, identical output for
// identical sources, and each error kind stopping `npm run build` at the right place.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { DeckError } from "../../src/compile/diagnostics.ts";
import { buildDeck } from "../../src/vite/build.ts";
import { hasChromium } from "../support/browser.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

const run = promisify(execFile);
const launcher = path.resolve("scripts/launch.mjs");
const buildScript = path.resolve("scripts/build.ts");

let root: string;
beforeAll(async () => {
  root = copySampleDeck();
  await buildDeck({ deckRoot: root });
}, 120_000);

/** "" when equal, else both texts around their first difference (to see what drifted). */
function firstDifference(a: string, b: string): string {
  if (a === b) return "";
  let k = 0;
  while (k < a.length && a[k] === b[k]) k++;
  return `at ${k}:\n${a.slice(Math.max(0, k - 120), k + 80)}\n---\n${b.slice(Math.max(0, k - 120), k + 80)}`;
}

/** Every URL the page would fetch: src/href of resources, and url(…) in styles. */
function fetchedUrls(html: string): string[] {
  const { document } = parseHTML(html);
  const urls: string[] = [];
  for (const el of document.querySelectorAll("script[src], img[src], iframe[src], source[src], audio[src], video[src], link[href], image[href], use[href]")) {
    urls.push(el.getAttribute("src") ?? el.getAttribute("href") ?? "");
  }
  const css = [...document.querySelectorAll("style")].map((s) => s.textContent ?? "").join("\n") +
    [...document.querySelectorAll("[style]")].map((el) => el.getAttribute("style")).join("\n");
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/g)) urls.push(m[1]);
  for (const m of css.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/g)) urls.push(m[1]);
  return urls.filter((u) => !u.startsWith("data:") && !u.startsWith("#"));
}

describe("npm run build", () => {
  it("writes the site: index.html with its assets", () => {
    const dist = path.join(root, "dist");
    expect(existsSync(path.join(dist, "index.html"))).toBe(true);
    const assets = readdirSync(path.join(dist, "assets"));
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    // KaTeX's fonts: woff2 only, subset to the deck and inlined; families no formula uses
    // (the sample deck has no \mathfrak, \mathcal, \texttt…) are left out.
    expect(assets.filter((a) => /\.(woff2?|ttf)$/.test(a))).toEqual([]);
    const css = readFileSync(path.join(dist, "assets", assets.find((a) => a.endsWith(".css"))!), "utf8");
    const families = new Set([...css.matchAll(/font-family:\s*"?(KaTeX_\w+)"?[^}]*?url\(data:font\/woff2/g)].map((m) => m[1]));
    expect(families.has("KaTeX_Main")).toBe(true);
    expect(families.has("KaTeX_Math")).toBe(true);
    expect(families.has("KaTeX_AMS")).toBe(true); // \mathbb{R} in the sample deck
    expect(families.has("KaTeX_Fraktur")).toBe(false);
    expect(families.has("KaTeX_Typewriter")).toBe(false);
    const html = readFileSync(path.join(dist, "index.html"), "utf8");
    expect(html).toContain('class="katex"');
    expect(html).toMatch(/<script type="module"[^>]*src="\.\/assets\//);
  });

  it("writes one self-contained file that fetches nothing", () => {
    const html = readFileSync(path.join(root, "dist", "sample.html"), "utf8");
    expect(fetchedUrls(html)).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain("data:font/woff2;base64,");
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts|unpkg|cdnjs)/);
  });

  it.runIf(hasChromium)("pre-renders diagrams to inline SVG and leaves mermaid out of the bundle", () => {
    const html = readFileSync(path.join(root, "dist", "sample.html"), "utf8");
    const { document } = parseHTML(html);
    expect(document.querySelectorAll(".diagram > svg").length).toBe(1);
    expect(document.querySelectorAll(".diagram-runtime").length).toBe(0);
    expect(html.length).toBeLessThan(1_000_000); // mermaid's runtime alone is larger
    // `%% step 1: y-->x1, x1` marks that edge and node as a highlight at step 1
    const marked = [...document.querySelectorAll(".diagram svg .fragment.hl")];
    expect(marked.map((el) => [el.tagName.toLowerCase(), el.getAttribute("data-fragment-index")]).sort()).toEqual([["g", "1"], ["path", "1"]]);
  });

  it("gives byte-identical output for the same sources, even with its caches cleared", async () => {
    const first = readFileSync(path.join(root, "dist", "sample.html"));
    const firstIndex = readFileSync(path.join(root, "dist", "index.html"));
    // diagrams are drawn again (mermaid's rounded shapes have seeded jitter) and fonts subset again
    rmSync(path.join(root, "node_modules", ".cache", "backprop-deck"), { recursive: true, force: true });
    await buildDeck({ deckRoot: root });
    expect(firstDifference(readFileSync(path.join(root, "dist", "sample.html"), "utf8"), first.toString("utf8"))).toBe("");
    expect(firstDifference(readFileSync(path.join(root, "dist", "index.html"), "utf8"), firstIndex.toString("utf8"))).toBe("");
  }, 60_000);

  it("leaves dist/ as it was when the deck has an error", async () => {
    const before = readFileSync(path.join(root, "dist", "index.html"), "utf8");
    const chapter = path.join(root, "slides", "02-code.md");
    const good = readFileSync(chapter, "utf8");
    writeFileSync(chapter, good + "\n\nBroken $\\frac{$ here.\n");
    try {
      await expect(buildDeck({ deckRoot: root })).rejects.toBeInstanceOf(DeckError);
      expect(readFileSync(path.join(root, "dist", "index.html"), "utf8")).toBe(before);
      expect(readdirSync(root).filter((f) => f.startsWith(".dist"))).toEqual([]);
    } finally {
      writeFileSync(chapter, good);
    }
  }, 60_000);
});

describe("each error kind stops the build with file:line:col and exit ≠ 0", () => {
  const cases: [string, string, RegExp][] = [
    ["a bad TeX formula", "Text $\\frac{1}{$ here.", /^slides\/03-error\.md:3:16: TeX: /m],
    ["a snippet that throws", "```ts run\nconst a = 1;\nthrow new Error('kaput');\n```", /^slides\/03-error\.md:5:7: snippet: kaput/m],
    ["a snippet that runs too long", "```ts run\nwhile (true) {}\n```", /^slides\/03-error\.md:3:1: snippet: the snippet ran longer than 1000 ms/m],
    ["an unknown include region", "<<< ../code/sample.ts#nothing", /^slides\/03-error\.md:3:5: include: no region "nothing"/m],
    ["a dangling link", "<!-- .slide: data-no-example=\"test\" -->\n[x](#/nowhere){.example-link}", /^slides\/03-error\.md:4:1: example link "#\/nowhere"/m],
    ...(hasChromium
      ? ([
          ["a broken diagram", "```mermaid\nflowchart LR\n  a --> b -->\n```", /^slides\/03-error\.md:5:1: mermaid: /m],
          ["a diagram step naming no node", "```mermaid\nflowchart LR\n  a --> b\n  %% step 1: a-->c\n```", /^slides\/03-error\.md:6:1: mermaid: step 1: no node or edge "a-->c"/m],
        ] as [string, string, RegExp][])
      : []),
  ];
  it.each(cases)("%s", async (_name, body, location) => {
    const deck = copySampleDeck();
    // a short snippet limit keeps the time-out case quick
    const first = path.join(deck, "slides", "01-intro.md");
    writeFileSync(first, readFileSync(first, "utf8").replace("name: sample", "name: sample\nsnippetTimeoutMs: 1000"));
    writeFileSync(path.join(deck, "slides", "03-error.md"), `# Errors\n\n${body}\n`);
    const outcome = await run("node", [launcher, buildScript], { cwd: deck, encoding: "utf8" }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toMatch(location);
    expect(outcome.stderr).toContain("dist/ was left as it was");
    expect(existsSync(path.join(deck, "dist"))).toBe(false);
  }, 60_000);
});
