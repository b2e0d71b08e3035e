// Once per `npm test`: the sample deck (test/fixtures/sample-deck) built into a scratch
// folder, and the real deck in slides/ built into a scratch folder of the project, which
// every test that only reads a built deck shares. Nobody writes into them: a test that
// builds, prints or edits makes its own copy.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { singleFileOf } from "../../src/vite/dist-files.ts";
import { runScript } from "./run-script.ts";
import { copySampleDeck } from "./sample-deck.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** a built copy of the sample deck: its dist/ holds index.html and sample.html */
    builtSampleDeck: string;
    /** the real deck's single-file build (absolute path of its .html) */
    builtDeckFile: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = copySampleDeck();
  const projectRoot = process.cwd();
  const outDir = `.deck-test-${process.pid}`;
  const cleanUp = async (): Promise<void> => {
    await rm(root, { recursive: true, force: true });
    await rm(path.join(projectRoot, outDir), { recursive: true, force: true });
  };
  try {
    // The two builds at once, each as `npm run build` in a process of its own: in this one
    // they shared one thread (their compiles, typesetting and checks), on modules vitest
    // transforms as it loads them, while the other core was often idle.
    const outcomes = await Promise.all([runScript("build", [], { cwd: root }), runScript("build", ["--out", outDir], { cwd: projectRoot })]);
    for (const [k, { code, stderr }] of outcomes.entries()) {
      if (code !== 0) throw new Error(`npm run build of the ${k === 0 ? "sample" : "real"} deck failed:\n${stderr}`);
    }
    project.provide("builtSampleDeck", root);
    project.provide("builtDeckFile", singleFileOf(path.join(projectRoot, outDir)));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
