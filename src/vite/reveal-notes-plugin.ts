// reveal.js's speaker-notes plugin ships a copy of marked (a Markdown parser: 30 KB of its
// 43 KB minified, 11 KB of the offline file compressed) for notes written in Markdown
// (`data-markdown`), which its speaker view parses with `window.marked`. This deck's notes
// are HTML by the time a page has them (the compiler renders them, math included), so the
// speaker view never parses any: the bundle gives it a stand-in that returns its input and
// leaves marked out. The plugin file is reveal.js's prebuilt bundle, so this works on its
// layout (marked in one `//#region`, handed to the popup as `<win>.marked = <name>`); a
// reveal.js whose file reads otherwise is bundled as it is (the build test then fails).
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

export function createRevealNotesPlugin(): Plugin {
  return {
    name: "backprop-deck:reveal-notes",
    transform: {
      filter: { id: NOTES_PLUGIN },
      handler: (code) => {
        const slim = withoutMarked(code);
        return slim === undefined ? null : { code: slim, map: null };
      },
    },
  };
}
