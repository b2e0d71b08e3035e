// Once per `npm test`: the sample deck (test/fixtures/sample-deck) built into a scratch
// folder, which every test that only reads a built deck shares. Nobody writes into it:
// a test that builds, prints or edits makes its own copy.
import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { buildDeck } from "../../src/vite/build.ts";
import { copySampleDeck } from "./sample-deck.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** a built copy of the sample deck: its dist/ holds index.html and sample.html */
    builtSampleDeck: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = copySampleDeck();
  await buildDeck({ deckRoot: root });
  project.provide("builtSampleDeck", root);
  return () => rm(root, { recursive: true, force: true });
}
