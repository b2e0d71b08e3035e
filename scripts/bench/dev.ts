// The dev server's latency, as an author feels it: an edit saved in a chapter → the page has
// applied the update (its `data-deck-updated` changes once the new slides are in place and
// laid out). 20 edits spread over every chapter of the deck, of each kind an author makes —
// prose, a formula, a speaker note, a diagram, a snippet — each undone before the next.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fork } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { READY_SELECTOR } from "../../src/shared/constants.ts";
import { PACKAGE_ROOT } from "../../src/io/package-root.ts";
import type { FromDevServer, ToDevServer } from "./dev-server-process.ts";
import { median, percentile, type BenchRow } from "./report.ts";

type EditKind = "prose" | "formula" | "note" | "diagram" | "snippet";

interface Edit {
  file: string;
  kind: EditKind;
  /** the chapter with the edit made */
  edited: string;
}

/** The 0-based lines of a chapter where an edit of each kind can go. */
function placesIn(text: string): Record<EditKind, number[]> {
  const places: Record<EditKind, number[]> = { prose: [], formula: [], note: [], diagram: [], snippet: [] };
  let block: "" | "math" | "mermaid" | "snippet" | "code" = "";
  let inNotes = false;
  text.split("\n").forEach((line, k) => {
    if (/^---\s*$|^--\s*$/.test(line)) inNotes = false;
    if (/^Note:/.test(line)) inNotes = true;
    if (block === "" && /^```mermaid/.test(line)) block = "mermaid";
    else if (block === "" && /^```ts run/.test(line)) block = "snippet";
    else if (block === "" && /^```/.test(line)) block = "code";
    else if (block !== "" && block !== "math" && /^```/.test(line)) block = "";
    else if (/^\$\$\s*$/.test(line)) block = block === "math" ? "" : block === "" ? "math" : block;
    else if (block === "math" && /\\\\\s*$/.test(line) === false && /[A-Za-z}]\s*$/.test(line)) places.formula.push(k);
    else if (block === "mermaid" && /^\s*\w.*-->/.test(line)) places.diagram.push(k);
    else if (block === "snippet" && /^import /.test(line)) places.snippet.push(k);
    else if (block === "" && /^[A-Z][a-z]+ [a-z]+[^{}$|]*[a-z.]$/.test(line)) (inNotes ? places.note : places.prose).push(k);
  });
  return places;
}

/** 20 edits, chapter by chapter, each chapter's kinds taken in turn. */
function plannedEdits(slidesDir: string): Edit[] {
  const kinds: EditKind[] = ["prose", "formula", "note", "diagram", "snippet"];
  const chapters = readdirSync(slidesDir).filter((f) => f.endsWith(".md")).sort();
  const edits: Edit[] = [];
  for (let round = 0; edits.length < 20 && round < 10; round++) {
    for (const [c, name] of chapters.entries()) {
      if (edits.length >= 20) break;
      const file = path.join(slidesDir, name);
      const text = readFileSync(file, "utf8");
      const places = placesIn(text);
      const kind = kinds.map((_, j) => kinds[(c + round + j) % kinds.length]).find((kd) => places[kd].length > round % 3);
      if (!kind) continue;
      const lines = text.split("\n");
      const at = places[kind][round % places[kind].length];
      const mark = `bench${edits.length}`;
      const addition = { prose: ` ${mark}`, note: ` ${mark}`, formula: ` \\kern0.0${edits.length % 9 + 1}em`, diagram: "", snippet: "" }[kind];
      if (kind === "diagram") lines.splice(at + 1, 0, `  ${mark}`); // a node more: laid out and drawn again
      else if (kind === "snippet") lines.splice(at, 0, `// ${mark}`);
      else lines[at] += addition;
      edits.push({ file, kind, edited: lines.join("\n") });
    }
  }
  return edits;
}

/** Writes `text` into `file` and waits until the page has applied the update it causes;
 * the time is the page's own (it stamps the frame that shows the update with the clock this
 * process reads too), so the benchmark's own round trips to the page are not counted. */
async function timeWrite(page: Page, file: string, text: string): Promise<number> {
  const before = await page.evaluate(() => document.documentElement.dataset.deckUpdated ?? "");
  const wrote = Date.now();
  writeFileSync(file, text);
  const stamp = await page.waitForFunction((b) => {
    const now = document.documentElement.dataset.deckUpdated ?? "";
    return now !== b && now;
  }, before, { timeout: 20_000, polling: "raf" });
  return Number(await stamp.jsonValue()) - wrote;
}

/** The dev server for `root` in a process of its own (dev-server-process.ts): its URL, its
 * heap after a full collection, and its end. */
async function devServerProcess(root: string): Promise<{ url: string; heap(): Promise<number>; close(): Promise<void> }> {
  const child = fork(path.join(PACKAGE_ROOT, "scripts", "launch.mjs"), [path.join(PACKAGE_ROOT, "scripts", "bench", "dev-server-process.ts"), root], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const next = (): Promise<FromDevServer> =>
    new Promise((resolve, reject) => {
      child.once("message", (m: FromDevServer) => resolve(m));
      child.once("exit", (code) => reject(new Error(`the dev server's process exited (${code})`)));
    });
  const started = await next();
  if (!("url" in started)) throw new Error("the dev server's process did not say its URL");
  return {
    url: started.url,
    async heap() {
      const answer = next();
      child.send("heap" satisfies ToDevServer);
      const reply = await answer;
      if (!("heap" in reply)) throw new Error("the dev server's process did not say its heap");
      return reply.heap;
    },
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close" satisfies ToDevServer);
      await exited;
    },
  };
}

/** Applies one edit and undoes it, timing the edit. */
async function editAndUndo(page: Page, edit: Edit): Promise<number> {
  const original = readFileSync(edit.file, "utf8");
  try {
    return await timeWrite(page, edit.file, edit.edited);
  } finally {
    await timeWrite(page, edit.file, original).catch(() => writeFileSync(edit.file, original));
  }
}

/** The dev server's update latency over 20 edits of every kind across the deck's chapters,
 * and its memory after 100 edits against after the first. */
export async function benchDevEdits(root: string, browser: Browser): Promise<BenchRow[]> {
  const slidesDir = path.join(root, "slides");
  const edits = plannedEdits(slidesDir);
  const dev = await devServerProcess(root);
  const page = await browser.newPage();
  const latencies: { kind: EditKind; ms: number }[] = [];
  let heapFirst = 0;
  let heapLast = 0;
  try {
    await page.goto(dev.url);
    await page.waitForSelector(READY_SELECTOR, { state: "attached", timeout: 120_000 });
    for (const edit of edits) {
      latencies.push({ kind: edit.kind, ms: await editAndUndo(page, edit) });
      if (latencies.length === 1) heapFirst = await dev.heap();
    }
    // 80 more, untimed: what the server holds after a lecture's worth of editing
    for (let k = 0; k < 80; k++) await editAndUndo(page, edits[k % edits.length]);
    heapLast = await dev.heap();
  } finally {
    await page.close();
    await dev.close();
  }
  const all = latencies.map((l) => l.ms);
  const p95 = percentile(all, 0.95);
  const kinds = [...new Set(latencies.map((l) => l.kind))].map((k) => `${k} ${median(latencies.filter((l) => l.kind === k).map((l) => l.ms)).toFixed(0)}`).join(", ");
  const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
  return [
    { name: "dev: edit → page updated, median", value: `${median(all).toFixed(0)} ms`, detail: `${latencies.length} edits over ${new Set(edits.map((e) => e.file)).size} chapters (median ms by kind: ${kinds})` },
    { name: "dev: edit → page updated, p95", value: `${p95.toFixed(0)} ms`, detail: "file write to the page's update applied" },
    { name: "dev: heap after 100 edits vs after 1", value: `${(((heapLast - heapFirst) / heapFirst) * 100).toFixed(1)} %`, detail: `${mib(heapFirst)} → ${mib(heapLast)}, the server's process after a full collection` },
  ];
}
