// The house rules that a reader would otherwise have to check by hand (docs/DESIGN.md):
// the dependency law between folders, no module-level mutable state where services live,
// small files and functions, and one alias table for snippets.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { snippetAliases } from "../../src/compile/snippets/runner.ts";
import { functionsOf, importsOf, moduleLevelState, sourceFiles } from "./source-files.ts";

/** Which of our folders each folder of src/ may import (besides itself). The law of the
 * house: src/grad and src/shared import nothing of ours; the compiler never reaches the
 * gradient module (only snippets do) nor the browser; the browser never the compiler. */
const MAY_IMPORT: Record<string, string[]> = {
  grad: [],
  shared: [],
  author: ["shared"],
  formulas: ["grad", "author", "shared"],
  io: [],
  cli: ["grad"],
  compile: ["formulas", "shared", "author", "io"],
  chromium: ["shared", "io"],
  session: ["compile", "chromium", "shared", "io"],
  vite: ["compile", "session", "shared", "io"],
  /** the room's server (npm run present) */
  present: ["io", "shared"],
  deck: ["shared", "author", "deck/drawing", "deck/reading", "deck/room", "deck/exercises"],
  // the browser runtime's plugins (src/deck/<plugin>/), units of their own: each talks to
  // the others only through reveal.js (Reveal.getPlugin) and its public API
  "deck/drawing": ["shared"],
  "deck/reading": ["shared"],
  "deck/room": ["shared"],
  // exercises compute with the gradient module and judge with the formula checker
  "deck/exercises": ["shared", "author", "formulas", "grad"],
  types: [],
};

/** Folders whose code must run in Node and in the browser alike: no Node built-ins. */
const PURE = ["grad", "shared", "author", "formulas"];

/** A file's unit: its folder below src/, or for src/deck/<plugin>/ that plugin's folder. */
const folderOf = (file: string): string => {
  const parts = file.split("/");
  return parts[1] === "deck" && parts.length > 3 ? `deck/${parts[2]}` : parts[1];
};

describe("the dependency law", () => {
  const files = sourceFiles("src");
  it.each(files.map((f) => [f.path, f] as const))("%s imports only what its folder may", (_p, file) => {
    const from = folderOf(file.path);
    expect(Object.keys(MAY_IMPORT), `src/${from} has no entry in MAY_IMPORT`).toContain(from);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
        const to = folderOf(target);
        if (to !== from) expect(MAY_IMPORT[from], `${file.path} imports ${specifier} (src/${to})`).toContain(to);
      } else if (PURE.includes(from)) {
        expect(specifier, `${file.path} is pure but imports ${specifier}`).not.toMatch(/^node:|^(fs|path|os|child_process|worker_threads)$/);
      }
    }
  });
});

/** Inside src/compile, the order of its parts: snippets (the worker and its runner) know
 * nothing of Markdown; the HTML passes nothing of Markdown or the stages; the Markdown
 * rules nothing of the stages. The files at compile's top (state, model, pipeline) may be
 * used by all. */
const COMPILE_MAY_IMPORT: Record<string, string[]> = {
  snippets: [],
  html: ["(top)"],
  markdown: ["snippets", "html", "(top)"],
  stages: ["markdown", "snippets", "html", "(top)"],
  "(top)": ["stages", "markdown", "snippets", "html"],
};

describe("the order inside src/compile", () => {
  const partOf = (file: string): string => {
    const parts = file.split("/");
    return parts.length > 3 ? parts[2] : "(top)";
  };
  it.each(sourceFiles("src/compile").map((f) => [f.path, f] as const))("%s imports only the parts before it", (_p, file) => {
    const from = partOf(file.path);
    expect(Object.keys(COMPILE_MAY_IMPORT), `src/compile/${from} has no entry`).toContain(from);
    for (const specifier of importsOf(file).filter((s) => s.startsWith("."))) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
      if (!target.startsWith("src/compile/")) continue;
      const to = partOf(target);
      if (to !== from) expect(COMPILE_MAY_IMPORT[from], `${file.path} imports ${specifier} (${to})`).toContain(to);
    }
  });
});

describe("no module-level mutable state", () => {
  it("no folder of src/ keeps state at module level: no top-level let or var, and no Map, Set, array or object that is not read-only", () => {
    const state = sourceFiles("src").flatMap(moduleLevelState);
    expect(state).toEqual([]);
  });
});

describe("small files, small functions", () => {
  const files = sourceFiles("src", "scripts");
  it("no source file in src/ or scripts/ is over 350 lines", () => {
    const long = files.map((f) => ({ path: f.path, lines: f.text.split("\n").length })).filter((f) => f.lines > 350);
    expect(long).toEqual([]);
  });
  it("no function in src/ or scripts/ is over 80 lines", () => {
    const long = files.flatMap((f) => functionsOf(f).filter((fn) => fn.lines > 80).map((fn) => `${f.path}:${fn.line} ${fn.name} (${fn.lines} lines)`));
    expect(long).toEqual([]);
  });
});

describe("snippet import names", () => {
  it("tsconfig.json's paths name exactly the snippet worker's aliases", () => {
    const tsconfig = readFileSync("tsconfig.json", "utf8").replace(/^\s*\/\/.*$/gm, "");
    const paths = (JSON.parse(tsconfig) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    const aliases = snippetAliases(process.cwd());
    expect(Object.keys(paths).map((k) => k.replace(/\*$/, "")).sort()).toEqual(Object.keys(aliases).sort());
    for (const [name, [target]] of Object.entries(paths)) {
      if (name.endsWith("*")) continue;
      expect(path.resolve(target), name).toBe(aliases[name]);
    }
  });
});
