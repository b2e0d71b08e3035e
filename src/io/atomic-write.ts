// Writing so that no reader ever sees half a file or half a folder: write beside the
// target under a unique name, then rename (atomic on one file system).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** A name beside `target` that no other writer uses (temporary: it never reaches output). */
function uniqueSibling(target: string, tag: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.${tag}`);
}

/** Writes `data` to `file` atomically, creating its folder. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = uniqueSibling(file, "tmp");
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** A fresh, empty staging folder beside `target`, for `replaceDir` to swap in. */
export async function stagingDirFor(target: string): Promise<string> {
  const staging = uniqueSibling(target, "staging");
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Replaces the folder `target` with `staging` (which must be complete): the old one is
 * renamed away first, then removed, so `target` is always whole or absent. */
export async function replaceDir(staging: string, target: string): Promise<void> {
  const old = uniqueSibling(target, "old");
  if (existsSync(target)) await rename(target, old);
  await rename(staging, target);
  await rm(old, { recursive: true, force: true });
}
