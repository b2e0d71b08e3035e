// A fresh copy of test/fixtures/sample-deck in a scratch folder, so builds can write dist/.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixturePath } from "./fixtures.ts";

export function copySampleDeck(): string {
  const root = mkdtempSync(path.join(tmpdir(), "sample-deck-"));
  cpSync(fixturePath("sample-deck"), root, { recursive: true, filter: (src) => !/[\\/](dist|node_modules)([\\/]|$)/.test(src) });
  return root;
}
