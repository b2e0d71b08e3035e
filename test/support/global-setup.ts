// Once per `npm test`: the sample deck (test/fixtures/sample-deck) built into a scratch
// folder, and the real deck in slides/ built into a scratch folder of the project, which
// every test that only reads a built deck shares. Nobody writes into them: a test that
// builds, prints or edits makes its own copy.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildDeck } from "../../src/vite/build.ts";
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
    // the two builds at once: each waits on its own Chromium and snippet worker part of the time
    const [, built] = await Promise.all([buildDeck({ deckRoot: root }), buildDeck({ deckRoot: projectRoot, outDir })]);
    project.provide("builtSampleDeck", root);
    project.provide("builtDeckFile", path.join(projectRoot, built.singleFile));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
