// The module src/vite/notation-plugin.ts generates: the deck's notation table, if any.
declare module "virtual:deck-notation" {
  import type { Notation } from "../author/notation.ts";
  const notation: Notation | undefined;
  export default notation;
}
