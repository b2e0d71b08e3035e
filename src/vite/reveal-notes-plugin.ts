// reveal.js's speaker-notes plugin, carried lighter (its prebuilt bundle, rewritten as it
// is bundled):
// - without its copy of marked (a Markdown parser: 30 KB of its 43 KB minified, 11 KB of
//   the offline file compressed) for notes written in Markdown (`data-markdown`), which its
//   speaker view parses with `window.marked`. This deck's notes are HTML by the time a page
//   has them (the compiler renders them, math included): the speaker view gets a stand-in
//   that returns its input;
// - with the speaker view's page (the HTML it writes into its popup, with the view's script
//   and style, written out with comments and indentation) minified: 24 → 12 KB.
// This works on the bundle's layout (marked in one `//#region`, handed to the popup as
// `<win>.marked = <name>`, the page one string literal written with `.document.write`); a
// reveal.js whose file reads otherwise is bundled as it is (the build test then fails).
import { transform } from "esbuild";
import type { Plugin } from "vite";

const NOTES_PLUGIN = /[\\/]reveal\.js[\\/]dist[\\/]plugin[\\/]notes\.mjs$/;
const MARKED_REGION = /^\/\/#region node_modules\/marked\/lib\/marked\.esm\.js\n[\s\S]*?\n\/\/#endregion\n/m;
/** `t.marked = $,` where the popup is opened: the one use of marked outside its region. */
const HANDED_TO_POPUP = /(\b[\w$]+\.marked = )([\w$]+)(,)/;

/** The notes plugin's code without marked, or undefined when it does not read as expected. */
export function withoutMarked(code: string): string | undefined {
  const region = MARKED_REGION.exec(code);
  const handed = HANDED_TO_POPUP.exec(code);
  if (!region || !handed || !new RegExp(`\\bfunction ${handed[2].replace(/\$/g, "\\$")}\\(`).test(region[0])) return undefined;
  const rest = code.slice(0, region.index) + code.slice(region.index + region[0].length);
  // marked's API as the speaker view uses it (`marked.parse(notes)`, or `marked(notes)`)
  const stand = "Object.assign((notes) => notes, { parse: (notes) => notes })";
  return rest.replace(HANDED_TO_POPUP, (_m, lead: string, _name: string, tail: string) => `${lead}${stand}${tail}`);
}

/** Each match of `pattern` in `text` replaced by what `replace` gives for it, in order. */
async function replaceEach(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => Promise<string>): Promise<string> {
  const matches = [...text.matchAll(pattern)] as RegExpExecArray[];
  const replaced = await Promise.all(matches.map(replace));
  let out = "";
  let at = 0;
  matches.forEach((m, k) => {
    out += text.slice(at, m.index) + replaced[k];
    at = m.index + m[0].length;
  });
  return out + text.slice(at);
}

/** `html` (the speaker view's page) with its scripts and styles minified, its comments out
 * and each run of white space between tags one space (which renders the same). esbuild's
 * service, not transformSync: that starts an esbuild process per call (≈ 50 ms each). */
export async function minifiedPage(html: string): Promise<string> {
  const minified = (loader: "js" | "css") => async ([, open, body, close]: RegExpExecArray) => open + (await transform(body, { minify: true, loader })).code.trim() + close;
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  const scripts = await replaceEach(withoutComments, /(<script>)([\s\S]*?)(<\/script>)/g, minified("js"));
  const styles = await replaceEach(scripts, /(<style>)([\s\S]*?)(<\/style>)/g, minified("css"));
  return styles.replace(/>\s+</g, "> <").trim();
}

/** The one string literal `<x>.document.write(…)` is called with, as [start, end, value]. */
function writtenPage(code: string, parse: (code: string) => unknown): [number, number, string] | undefined {
  type Node = { type?: string; start?: number; end?: number; value?: unknown; callee?: Node; property?: Node & { name?: string }; arguments?: Node[] };
  const found: [number, number, string][] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    const arg = n.arguments?.[0];
    if (n.type === "CallExpression" && n.callee?.type === "MemberExpression" && n.callee.property?.name === "write" && n.arguments?.length === 1 && arg?.type === "Literal" && typeof arg.value === "string") found.push([arg.start!, arg.end!, arg.value]);
    for (const value of Object.values(n)) if (value && typeof value === "object") visit(value);
  };
  visit(parse(code));
  return found.length === 1 ? found[0] : undefined;
}

/** The notes plugin's code with its speaker view's page minified (a JS string again, its
 * closing script tag written `<\/script>` as before: the room's server finds the script
 * there to allow it by hash), or undefined when it has no such page. `parse` is the
 * bundler's JavaScript parser (ESTree with offsets). */
export async function withMinifiedSpeakerView(code: string, parse: (code: string) => unknown): Promise<string | undefined> {
  const page = writtenPage(code, parse);
  if (!page) return undefined;
  const literal = JSON.stringify(await minifiedPage(page[2])).replace(/<\/script/g, "<\\/script");
  return code.slice(0, page[0]) + literal + code.slice(page[1]);
}

export function createRevealNotesPlugin(): Plugin {
  return {
    name: "backprop-deck:reveal-notes",
    transform: {
      filter: { id: NOTES_PLUGIN },
      async handler(code) {
        const slim = withoutMarked(code) ?? code;
        const code2 = (await withMinifiedSpeakerView(slim, (source) => this.parse(source))) ?? slim;
        return code2 === code ? null : { code: code2, map: null };
      },
    },
  };
}
