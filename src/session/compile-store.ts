// What a deck's compile leaves for the next process (the next build, `npm run dev`, `npm run
// check`): its typeset markup, slides after their HTML pass, formula checks and processed
// diagrams — each made the same from its key by the same code — and the snippet worker's
// answers, each with the files it read by content, taken over only while all of them are
// unchanged. All of it is made by this project's code with its packages: a change to either
// (its source, the lock file) starts afresh. Deleting the file is always safe.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { CompileCache } from "../compile/cache.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { cacheDir } from "../io/cache-dir.ts";
import type { WorkerAnswer, WorkerCallMemo } from "./services.ts";

interface StoredCompile {
  tools: string;
  shelves: Record<string, [string, unknown][]>;
  answers: { key: string; answer: WorkerAnswer; files: [string, string][] }[];
}

const hashOf = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** What a store holds, as its shelves and answers give it: each entry by its key. */
interface Held {
  shelves: Map<string, Map<string, unknown>>;
  answers: Map<string, WorkerAnswer>;
}

/** Whether `now` holds the very same entries as `before` (each value the same object: one
 * made anew, even for a key already held, is a change). */
function sameEntries(before: ReadonlyMap<string, unknown>, now: readonly [string, unknown][]): boolean {
  return before.size === now.length && now.every(([key, value]) => before.get(key) === value);
}

/** Every file below `dir`, sorted. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** This project's code and packages, as one hash. */
async function toolsHash(packageRoot: string): Promise<string> {
  const files = [path.join(packageRoot, "package-lock.json"), ...(await filesBelow(path.join(packageRoot, "src")))];
  const contents = await Promise.all(files.map((f) => readFile(f).catch(() => Buffer.alloc(0))));
  return hashOf(JSON.stringify([process.version, files.map((f, k) => [path.relative(packageRoot, f), hashOf(contents[k])])]));
}

export class CompileStore {
  private readonly file: string;
  private tools: Promise<string> | undefined;
  /** what the file holds, as this process took it over or last left it: a save that would
   * write the same leaves the file alone (serialising this deck's store is ≈ 70 ms) */
  private inFile: Held | undefined;

  constructor(
    deckRoot: string,
    private readonly packageRoot: string,
  ) {
    this.file = cacheDir(deckRoot, "compile.bin");
  }

  private toolsKey(): Promise<string> {
    this.tools ??= toolsHash(this.packageRoot);
    return this.tools;
  }

  /** Stocks `cache` and `answers` with what the last process left, if it was made by this
   * code; answers whose files changed since are left out. */
  async load(cache: CompileCache, answers: WorkerCallMemo): Promise<void> {
    let stored: StoredCompile;
    try {
      stored = deserialize(await readFile(this.file)) as StoredCompile; // written by save() below
    } catch {
      return; // none yet, or unreadable: start afresh
    }
    if (stored.tools !== (await this.toolsKey())) return;
    const shelves = cache.lasting();
    for (const [name, shelf] of Object.entries(shelves)) shelf.stock((stored.shelves[name] ?? []) as [string, never][]);
    const files = [...new Set(stored.answers.flatMap((a) => a.files.map(([f]) => f)))];
    const now = new Map(await Promise.all(files.map(async (f) => [f, await readFile(f).then(hashOf, () => "")] as const)));
    const current = stored.answers.filter((a) => a.files.every(([f, hash]) => now.get(f) === hash));
    answers.stock(current.map((a) => [a.key, a.answer]));
    // the file holds exactly this only if every answer in it was still true
    if (current.length === stored.answers.length) this.inFile = heldBy(cache, answers);
  }

  /** Leaves what `cache` and `answers` hold for the next process (written beside, then
   * swapped in: a process reading meanwhile gets all of it or none). */
  async save(cache: CompileCache, answers: WorkerCallMemo): Promise<void> {
    const leaving = heldBy(cache, answers);
    if (this.inFile && sameHeld(this.inFile, leaving)) return;
    const held = answers.held();
    const files = [...new Set(held.flatMap(([, a]) => a.deps))];
    const hashes = new Map(await Promise.all(files.map(async (f) => [f, await readFile(f).then(hashOf, () => "")] as const)));
    const stored: StoredCompile = {
      tools: await this.toolsKey(),
      shelves: Object.fromEntries(Object.entries(cache.lasting()).map(([name, shelf]) => [name, shelf.held()])),
      answers: held.map(([key, answer]) => ({ key, answer, files: answer.deps.map((f) => [f, hashes.get(f) ?? ""] as [string, string]) })),
    };
    await writeFileAtomic(this.file, serialize(stored));
    this.inFile = leaving;
  }
}

/** Whether `now` holds the very same as `before`, shelf by shelf and answer by answer. */
function sameHeld(before: Held, now: Held): boolean {
  const sameShelves = before.shelves.size === now.shelves.size && [...now.shelves].every(([name, shelf]) => sameEntries(before.shelves.get(name) ?? new Map(), [...shelf]));
  return sameShelves && sameEntries(before.answers, [...now.answers]);
}

/** What `cache`'s lasting shelves and `answers` hold now. */
function heldBy(cache: CompileCache, answers: WorkerCallMemo): Held {
  return { shelves: new Map(Object.entries(cache.lasting()).map(([name, shelf]) => [name, new Map<string, unknown>(shelf.held())])), answers: new Map(answers.held()) };
}
