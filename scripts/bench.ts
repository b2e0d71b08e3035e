// `npm run bench`: prints the project's speed and size figures. Benchmarks print; tests
// assert. `npm run bench -- grad` runs only the gradient module's figures.
import { benchDeck } from "./bench/deck.ts";
import { benchGrad } from "./bench/grad.ts";
import { printRows } from "./bench/report.ts";

const only = process.argv[2];
if (only === "--help" || only === "-h") {
  process.stdout.write(`usage: npm run bench [-- grad]

Prints speed and size figures (medians of several runs): the gradient module's forward and
backward pass; cold and warm npm run build; the offline file's size, raw and gzipped; time
from navigation to the ready signal (file:// and served); npm run pdf for the whole deck; the
dev server's latency from a slide edit to the updated page. "grad" prints the first only.
The deck figures rebuild dist/ and need Chromium for the browser figures.
`);
  process.exit(0);
}
printRows(benchGrad());
if (only !== "grad") printRows(await benchDeck());
