// What something was made from, by content: each file's sha256. What was made stays good
// while every file of its record reads the same — content, not file times, so a copied or
// restored tree never uses a stale result. (scripts/launch.mjs keeps records of this kind
// for its bundles; it is plain JavaScript and cannot import this.)
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** file (as given: relative to the record's root, or absolute) → sha256 of its content */
export type ContentRecord = Record<string, string>;

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** The sha256 of `file`'s content (relative to `root`); "" when it cannot be read (a
 * record names it as missing, and holds only while it is). */
async function hashOf(root: string, file: string): Promise<string> {
  try {
    return sha256(await readFile(path.resolve(root, file)));
  } catch {
    return "";
  }
}

/** The record of `files` (paths relative to `root`, or absolute). */
export async function contentRecord(files: readonly string[], root = "/"): Promise<ContentRecord> {
  const hashes = await Promise.all(files.map((f) => hashOf(root, f)));
  return Object.fromEntries(files.map((f, k) => [f, hashes[k]]));
}

/** Whether `record` names some files and every one of them still reads the same. */
export async function recordHolds(record: ContentRecord, root = "/"): Promise<boolean> {
  const files = Object.keys(record);
  if (files.length === 0) return false;
  const now = await Promise.all(files.map((f) => hashOf(root, f)));
  return now.every((hash, k) => hash === record[files[k]]);
}
