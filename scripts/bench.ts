// `npm run bench`: prints the project's speed and size figures. Benchmarks print; tests assert.
import { benchGrad } from "./bench/grad.ts";
import { printRows } from "./bench/report.ts";

printRows(benchGrad());
