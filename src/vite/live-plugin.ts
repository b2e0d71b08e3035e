// Live examples in the browser: the code of every snippet whose value is a live example is
// bundled into the deck, behind a virtual module (one lazy import per example), so the
// browser can recompute it with the presenter's inputs. Module ids come from
// src/compile/snippets/identity.ts.
import type { Plugin } from "vite";
import { LIVE_RESOLVED_ID, LIVE_VIRTUAL_ID, liveModuleId } from "../compile/snippets/identity.ts";
import type { SnippetSource } from "../compile/snippets/types.ts";

/** `liveSnippets()` gives the live examples of the deck to show (the latest, in dev). */
export function createLiveExamplesPlugin(deckRoot: string, liveSnippets: () => readonly SnippetSource[]): Plugin {
  // resolveId runs for every import of the build: work the map out once per list
  let forList: readonly SnippetSource[] | undefined;
  let map = new Map<string, { key: string; code: string }>();
  const modules = (): Map<string, { key: string; code: string }> => {
    const list = liveSnippets();
    if (list !== forList) {
      forList = list;
      map = new Map(list.map((s) => [liveModuleId(deckRoot, s), { key: s.key, code: s.code }]));
    }
    return map;
  };
  return {
    name: "backprop-deck:live-examples",
    enforce: "pre",
    resolveId(id) {
      if (id === LIVE_VIRTUAL_ID) return LIVE_RESOLVED_ID;
      const file = id.startsWith("/@fs/") ? id.slice(4) : id;
      return modules().has(file) ? file : undefined;
    },
    load(id) {
      if (id === LIVE_RESOLVED_ID) {
        const entries = [...modules()].map(([file, { key }]) => `  ${JSON.stringify(key)}: () => import(${JSON.stringify(file)}),`);
        return `// one lazy import per live example, keyed file:line\nexport const liveModules = {\n${entries.join("\n")}\n};\n`;
      }
      return modules().get(id)?.code;
    },
  };
}
