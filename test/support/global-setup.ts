// Once per `npm test`: the sample deck (test/fixtures/sample-deck) built into a scratch
// folder, and the real deck in slides/ built into a scratch folder of the project, which
// every test that only reads a built deck shares. Nobody writes into them: a test that
// builds, prints or edits makes its own copy. And one Chromium every browser test connects
// to (a launch costs about a second of CPU; each file's pages live in contexts of its own).
import { rm } from "node:fs/promises";
import path from "node:path";
import type { BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { findChromium, HEADLESS_ARGS } from "../../src/chromium/find-chromium.ts";
import { buildDeck } from "../../src/vite/build.ts";
import { copySampleDeck } from "./sample-deck.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** a built copy of the sample deck: its dist/ holds index.html and sample.html */
    builtSampleDeck: string;
    /** the real deck's single-file build (absolute path of its .html) */
    builtDeckFile: string;
    /** where test/support/browser.ts connects to the shared Chromium ("" when there is none) */
    browserEndpoint: string;
  }
}

async function startBrowserServer(): Promise<BrowserServer | undefined> {
  const executablePath = findChromium();
  if (!executablePath) return undefined; // test/support/browser.ts says so, or fails under CI
  const { chromium } = await import("playwright-core");
  return chromium.launchServer({ executablePath, headless: true, args: [...HEADLESS_ARGS] });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browserServer = startBrowserServer();
  const root = copySampleDeck();
  const projectRoot = process.cwd();
  const outDir = `.deck-test-${process.pid}`;
  const cleanUp = async (): Promise<void> => {
    await (await browserServer.catch(() => undefined))?.close();
    await rm(root, { recursive: true, force: true });
    await rm(path.join(projectRoot, outDir), { recursive: true, force: true });
  };
  try {
    // the two builds at once: each waits on its own Chromium and snippet worker part of the time
    const [, built, server] = await Promise.all([buildDeck({ deckRoot: root }), buildDeck({ deckRoot: projectRoot, outDir }), browserServer]);
    project.provide("builtSampleDeck", root);
    project.provide("builtDeckFile", path.join(projectRoot, built.singleFile));
    project.provide("browserEndpoint", server?.wsEndpoint() ?? "");
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
