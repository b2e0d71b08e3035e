// linkedom, as the commands bundle it (scripts/launch.mjs), with its listener maps made when
// a node first gets a listener. linkedom's EventTarget constructor puts every node it makes
// in one WeakMap (node → a Map of its listeners), whether or not the node ever gets one, and
// ours never do: the deck's HTML is parsed, read and written out. That table's size follows
// the most nodes made between two collections and never comes down (2–4 MiB of the dev
// server's heap after 100 edits, grown from 0.1 MiB after the first), and each node paid for
// an entry and an empty Map. Plain JavaScript: launch.mjs runs before any TypeScript can.

const TABLE = "const wm = new WeakMap();";
const CONSTRUCTOR_ENTRY = "wm.set(this, new Map);";
const OWN_LOOKUP = "const map = wm.get(this);"; // in addEventListener and removeEventListener

/** linkedom's esm/interface/event-target.js */
export const EVENT_TARGET_FILE = /[\\/]linkedom[\\/]esm[\\/]interface[\\/]event-target\.js$/;

/** `code` (that file) with each node's listener map made by its first addEventListener or
 * removeEventListener; undefined when the file does not read as expected (it is then bundled
 * as it is). Dispatching already allows a node without one. */
export function withLazyListenerMaps(code) {
  const count = (text) => code.split(text).length - 1;
  if (count(TABLE) !== 1 || count(CONSTRUCTOR_ENTRY) !== 1 || count(OWN_LOOKUP) !== 2 || !code.includes("const map = wm.get(currentTarget);\n  if (map && ")) return undefined;
  return code
    .replace(CONSTRUCTOR_ENTRY, "")
    .replace(TABLE, `${TABLE}\nconst listenersOf = (target) => {\n  let map = wm.get(target);\n  if (!map) wm.set(target, (map = new Map));\n  return map;\n};`)
    .replaceAll(OWN_LOOKUP, "const map = listenersOf(this);");
}
