// The last step of `npm install` (scripts/launch.mjs --prepare runs it once the commands are
// compiled): the browser runtime of a plain deck, bundled into the package's folder of
// prepared code (src/vite/prepared-runtime.ts) unless a good one is there. Should it fail,
// the install still succeeds: builds then bundle the runtime themselves.
import { prepareRuntime } from "../src/vite/prepared-runtime.ts";

try {
  if (await prepareRuntime()) console.log("prepared the browser runtime for decks without live examples or exercises");
} catch (error) {
  console.warn(`the browser runtime was not prepared (${String((error as Error)?.message ?? error)}): each deck's first build bundles it`);
}
