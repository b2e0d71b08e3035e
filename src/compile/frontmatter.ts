// YAML front matter at the very top of a chapter file, between two `---` lines.
import { isMap, isScalar, parseDocument } from "yaml";
import type { Diagnostics } from "./diagnostics.ts";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** the text after the front matter */
  body: string;
  /** 1-based line of the body's first line in the file */
  bodyLine: number;
  /** 1-based file line of each top-level key, for problems with its value */
  keyLines: Record<string, number>;
}

export function splitFrontMatter(text: string, file: string, diagnostics: Diagnostics): FrontMatter {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return { data: {}, body: text, bodyLine: 1, keyLines: {} };
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
  if (end < 0) {
    diagnostics.error({ file, line: 1, col: 1 }, "front matter opened with --- is never closed");
    return { data: {}, body: "", bodyLine: lines.length + 1, keyLines: {} };
  }
  const yamlText = lines.slice(1, end).join("\n");
  const doc = parseDocument(yamlText, { prettyErrors: false });
  let data: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const [line, col] = e.linePos?.[0] ? [e.linePos[0].line + 1, e.linePos[0].col] : [2, 1];
    diagnostics.error({ file, line, col }, `front matter: ${e.message.split("\n")[0]}`);
  } else {
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) {
      if (typeof value !== "object" || Array.isArray(value)) {
        diagnostics.error({ file, line: 2, col: 1 }, "front matter: expected key: value pairs");
      } else {
        data = value as Record<string, unknown>;
        if (isMap(doc.contents)) {
          for (const pair of doc.contents.items) {
            if (isScalar(pair.key) && pair.key.range) keyLines[String(pair.key.value)] = 2 + yamlText.slice(0, pair.key.range[0]).split("\n").length - 1;
          }
        }
      }
    }
  }
  return { data, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2, keyLines };
}
