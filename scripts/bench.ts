// `npm run bench`: prints the project's speed and size figures. Benchmarks print; tests
// assert. `npm run bench -- grad` runs only the gradient module's figures.
import { benchDeck } from "./bench/deck.ts";
import { benchGrad } from "./bench/grad.ts";
import { printRows } from "./bench/report.ts";

const only = process.argv[2];
printRows(benchGrad());
if (only !== "grad") printRows(await benchDeck());
