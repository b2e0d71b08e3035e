// scripts/launch.mjs bundles the workers' entry points with the command it launches, and
// bundleWorker() takes those files instead of bundling each worker again on its way; with
// --prepare (npm install's prepare script) it bundles every command of package.json.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { commandsDir } from "../../src/io/cache-dir.ts";

const LAUNCH = path.resolve("scripts/launch.mjs");
const FIXTURE = path.resolve("test/fixtures/launch/worker-bundles.ts");

/** Every .ts file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** name → entry point of each bundleWorker("entry", "name") call in src/. */
function workersAskedFor(): Record<string, string> {
  const calls = sourceFiles(path.resolve("src")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/bundleWorker\("([^"]+)", "([^"]+)"\)/g)]);
  return Object.fromEntries(calls.map(([, entry, name]) => [name, entry]));
}

/** The WORKER_ENTRIES object written in scripts/launch.mjs. */
function workersLaunchBundles(): Record<string, string> {
  const block = /const WORKER_ENTRIES = \{([^}]*)\}/.exec(readFileSync(LAUNCH, "utf8"))![1];
  return Object.fromEntries([...block.matchAll(/"([^"]+)": "([^"]+)"/g)].map(([, name, entry]) => [name, entry]));
}

describe("scripts/launch.mjs and the workers", () => {
  it("bundles every worker that src/ asks bundleWorker() for", () => {
    const asked = workersAskedFor();
    expect(Object.keys(asked).length).toBeGreaterThanOrEqual(4);
    expect(workersLaunchBundles()).toEqual(asked);
  });

  it("hands a launched command the workers it bundled with it", async () => {
    const entries = Object.values(workersAskedFor());
    const { stdout } = await promisify(execFile)(process.execPath, [LAUNCH, FIXTURE, ...entries], { cwd: path.resolve(".") });
    const files = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(files)).toEqual(entries);
    const [first] = Object.values(files);
    for (const [entry, file] of Object.entries(files)) {
      expect(existsSync(file), entry).toBe(true);
      // beside the command's own bundle, from the same run: not a bundle of bundleWorker's own
      expect(path.dirname(file), entry).toBe(path.dirname(first));
      expect(path.basename(path.dirname(file))).toMatch(/^test__fixtures__launch__worker-bundles-/);
    }
  }, 60_000);
});

describe("scripts/launch.mjs --prepare", () => {
  it("leaves every command of package.json bundled, outside the decks' cache folder", async () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.prepare).toBe("node scripts/launch.mjs --prepare");
    const commands = Object.values(scripts).flatMap((line) => [...line.matchAll(/launch\.mjs (scripts\/\S+)\.ts/g)].map(([, file]) => file.replace(/\//g, "__")));
    expect(commands).toEqual(expect.arrayContaining(["scripts__build", "scripts__pdf", "scripts__dev", "scripts__present"]));
    const dir = commandsDir(path.resolve("."));
    // one command's record gone (the benchmark's, which no test launches): --prepare must
    // bundle it again, not only find the others already there
    rmSync(path.join(dir, "scripts__bench.meta.json"), { force: true });
    await promisify(execFile)(process.execPath, [LAUNCH, "--prepare"], { cwd: path.resolve(".") });
    for (const command of commands) {
      const { dir: bundle } = JSON.parse(readFileSync(path.join(dir, `${command}.meta.json`), "utf8")) as { dir: string };
      expect(existsSync(path.join(dir, bundle, "main.mjs")), command).toBe(true);
      expect(existsSync(path.join(dir, bundle, "runtime-bundle-worker.mjs")), command).toBe(true);
    }
  }, 60_000);
});
