// include: `<<< path#region` on its own line shows a region of a real source file,
// highlighted at build time, so code on a slide cannot drift from tested code. Regions are
// marked in the file with `// #region NAME` … `// #endregion` (the markers are not shown).
// `path` is relative to the chapter file, or to the project root when it starts with `@/`.
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { StateBlock } from "markdown-it";
import type { Token } from "markdown-it";
import { envOf, locate } from "./env.ts";

const INCLUDE = /^<<<\s+(\S+?)(?:#([\w.-]+))?(?:\s+\{(\w+)\})?\s*$/;
const REGION_START = /^\s*(?:\/\/|#|<!--|\/\*)\s*#region\s+([\w.-]+)/;
const REGION_END = /^\s*(?:\/\/|#|<!--|\/\*)\s*#endregion\b/;

interface IncludeMeta {
  path: string;
  region: string | undefined;
  lang: string | undefined;
  column: number;
}

function includeBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const line = state.src.slice(start, state.eMarks[startLine]);
  const m = INCLUDE.exec(line);
  if (!m) return false;
  if (silent) return true;
  const token = state.push("include", "pre", 0);
  token.block = true;
  token.map = [startLine, startLine + 1];
  token.meta = { path: m[1], region: m[2], lang: m[3], column: state.tShift[startLine] + 5 } satisfies IncludeMeta;
  state.line = startLine + 1;
  return true;
}

/** The lines of `region` in `text`, without the markers and common indentation. */
export function extractRegion(text: string, region: string | undefined): string | undefined {
  const lines = text.split("\n");
  let picked: string[];
  if (region === undefined) {
    picked = lines;
  } else {
    const start = lines.findIndex((l) => REGION_START.exec(l)?.[1] === region);
    if (start < 0) return undefined;
    let depth = 0;
    let end = start + 1;
    for (; end < lines.length; end++) {
      if (REGION_START.test(lines[end])) depth++;
      else if (REGION_END.test(lines[end])) {
        if (depth === 0) break;
        depth--;
      }
    }
    picked = lines.slice(start + 1, end);
  }
  picked = picked.filter((l) => !REGION_START.test(l) && !REGION_END.test(l));
  const indent = Math.min(...picked.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return picked.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n").replace(/\n+$/, "");
}

export function regionNames(text: string): string[] {
  return text.split("\n").flatMap((l) => REGION_START.exec(l)?.[1] ?? []);
}

/** What an include token shows: the file it names (relative to the project), and the code
 * and language, or why there is none. */
export function resolveInclude(token: Token, chapterFile: string, readProjectFile: (p: string) => string | undefined): { target: string; code?: string; lang: string; problem?: string } {
  const meta = token.meta as unknown as IncludeMeta;
  const rel = meta.path;
  const target = rel.startsWith("@/") ? rel.slice(2) : path.posix.join(path.posix.dirname(chapterFile), rel);
  const lang = meta.lang ?? path.extname(target).slice(1);
  const text = readProjectFile(target);
  if (text === undefined) return { target, lang, problem: `include: no file ${target}` };
  const code = extractRegion(text, meta.region);
  if (code === undefined) return { target, lang, problem: `include: no region "${meta.region}" in ${target} (regions: ${regionNames(text).join(", ") || "none"})` };
  return { target, code, lang };
}

export function includePlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "include", includeBlock, { alt: ["paragraph"] });
  md.renderer.rules.include = (tokens: Token[], idx: number, _o, env) => {
    const t = tokens[idx];
    const meta = t.meta as unknown as IncludeMeta;
    const deck = envOf(env);
    const { target, code, lang, problem } = resolveInclude(t, deck.file, deck.readProjectFile);
    if (code === undefined) {
      deck.diagnostics.error(locate(env, t.map![0], meta.column), problem!);
      return "";
    }
    const caption = `${target}${meta.region ? `#${meta.region}` : ""}`;
    return `<figure class="include">${deck.highlighter.html(code, lang)}<figcaption>${md.utils.escapeHtml(caption)}</figcaption></figure>\n`;
  };
}
