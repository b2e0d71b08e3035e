// Compiles fixture Markdown with the real compiler and checks the HTML structure it gives
// against expectation lines:
//   SELECTOR            at least one element matches
//   !SELECTOR           none matches
//   SELECTOR => N       exactly N match
//   SELECTOR ~ TEXT     an element that matches contains TEXT (!SELECTOR ~ TEXT: none does)
//   SELECTOR @ATTR=VAL  an element that matches has attribute ATTR equal to VAL
//   error L:C TEXT      an error at line L, column C whose message contains TEXT
//   warning L:C TEXT    a warning likewise
// A fixture that lists no `error` line must compile without errors.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { expect } from "vitest";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import { compileDeck } from "../../src/compile/pipeline.ts";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { DeckServices } from "../../src/session/services.ts";
import type { DiagramRenderer } from "../../src/shared/diagrams.ts";

export interface FixtureDeck {
  root: string;
  compile(markdown: string, diagrams?: DiagramRenderer): Promise<CompiledDeck>;
  close(): Promise<void>;
}

/** A scratch deck folder with extra project files (for includes), compiled with the same
 * services a session uses (diagrams: none, unless a test passes a renderer). */
export function fixtureDeck(files: Record<string, string> = {}): FixtureDeck {
  const root = mkdtempSync(path.join(tmpdir(), "deck-fixture-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const services = DeckServices.create({ deckRoot: root, diagrams: "browser" });
  return {
    root,
    async compile(markdown, diagrams) {
      const base = await services.forCompile();
      return compileDeck([{ path: "slides/fixture.md", text: markdown }], diagrams ? { ...base, diagrams: () => diagrams } : base);
    },
    close: () => services.close(),
  };
}

export function checkExpectations(deck: CompiledDeck, expected: string): void {
  const { document } = parseHTML(`<html><body><div class="slides">${deck.slidesHtml}</div></body></html>`);
  const root = document.querySelector("div.slides")!;
  const wantedErrors: string[] = [];
  for (const raw of expected.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    let m: RegExpExecArray | null;
    if ((m = /^!(.+?) ~ (.+)$/.exec(line))) {
      const [, selector, text] = m;
      const texts = [...root.querySelectorAll(selector)].map((el) => el.textContent ?? "");
      expect(texts.some((t) => t.includes(text)), `${line}\nfound: ${JSON.stringify(texts)}`).toBe(false);
    } else if ((m = /^(error|warning) (\d+):(\d+) (.+)$/.exec(line))) {
      const [, severity, l, c, text] = m;
      const hit = deck.diagnostics.find((d) => d.severity === severity && d.line === Number(l) && d.col === Number(c) && d.message.includes(text));
      expect(hit, `no ${severity} at ${l}:${c} containing "${text}"; got:\n${deck.diagnostics.map(formatDiagnostic).join("\n")}`).toBeDefined();
      if (severity === "error") wantedErrors.push(line);
    } else if ((m = /^(.+?) => (\d+)$/.exec(line))) {
      expect(root.querySelectorAll(m[1]).length, line).toBe(Number(m[2]));
    } else if ((m = /^(.+?) ~ (.+)$/.exec(line))) {
      const [, selector, text] = m;
      const texts = [...root.querySelectorAll(selector)].map((el) => el.textContent ?? "");
      expect(texts.some((t) => t.includes(text)), `${line}\nfound: ${JSON.stringify(texts)}`).toBe(true);
    } else if ((m = /^(.+?) @([\w-]+)=(.*)$/.exec(line))) {
      const [, selector, attr, value] = m;
      const values = [...root.querySelectorAll(selector)].map((el) => el.getAttribute(attr));
      expect(values, line).toContain(value);
    } else if (line.startsWith("!")) {
      expect(root.querySelectorAll(line.slice(1)).length, line).toBe(0);
    } else {
      expect(root.querySelectorAll(line).length, `${line}\nin:\n${deck.slidesHtml.slice(0, 2000)}`).toBeGreaterThan(0);
    }
  }
  const errors = deck.diagnostics.filter((d) => d.severity === "error");
  expect(errors.length, `errors:\n${errors.map(formatDiagnostic).join("\n")}`).toBe(wantedErrors.length);
}
