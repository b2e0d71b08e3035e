// Live examples in the browser: the code of every snippet whose value is a live example is
// bundled into the deck, behind `virtual:deck-live` (one lazy import per example), so the
// browser can recompute it with the presenter's inputs. Each snippet module gets a path
// beside its chapter, so its relative imports (case files, slides/lib) resolve as at build.
import { createHash } from "node:crypto";
import path from "node:path";
import type { Plugin } from "vite";
import type { CompiledDeck } from "../compile/compile-deck.ts";
import type { SnippetSource } from "../compile/snippets/types.ts";

const VIRTUAL = "virtual:deck-live";
const RESOLVED = "\0virtual:deck-live";

function modulePath(deckRoot: string, s: SnippetSource): string {
  const hash = createHash("sha256").update(s.code).digest("hex").slice(0, 8);
  return path.join(deckRoot, `${s.file}.live-L${s.line}-${hash}.ts`);
}

export function createLiveExamplesPlugin(deckRoot: string, current: () => CompiledDeck): Plugin {
  // resolveId runs for every import of the build: work the map out once per compiled deck
  let forDeck: CompiledDeck | undefined;
  let map = new Map<string, { key: string; code: string }>();
  const modules = (): Map<string, { key: string; code: string }> => {
    const deck = current();
    if (deck !== forDeck) {
      forDeck = deck;
      map = new Map(deck.liveSnippets.map((s) => [modulePath(deckRoot, s), { key: s.key, code: s.code }]));
    }
    return map;
  };
  return {
    name: "backprop-deck:live-examples",
    enforce: "pre",
    resolveId(id) {
      if (id === VIRTUAL) return RESOLVED;
      const file = id.startsWith("/@fs/") ? id.slice(4) : id;
      return modules().has(file) ? file : undefined;
    },
    load(id) {
      if (id === RESOLVED) {
        const entries = [...modules()].map(([file, { key }]) => `  ${JSON.stringify(key)}: () => import(${JSON.stringify(file)}),`);
        return `// one lazy import per live example, keyed file:line\nexport const liveModules = {\n${entries.join("\n")}\n};\n`;
      }
      return modules().get(id)?.code;
    },
  };
}
