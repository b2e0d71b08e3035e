// Reads test fixtures in markdown-it's format: a title, then three `.` lines fencing the
// input and the expected output. Each case knows its line, so a test name points at it.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface FixtureCase {
  title: string;
  /** 1-based line of the title in the fixture file */
  line: number;
  input: string;
  expected: string;
}

export function readFixtures(file: string): FixtureCase[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const cases: FixtureCase[] = [];
  let k = 0;
  while (k < lines.length) {
    if (lines[k] !== ".") {
      k++;
      continue;
    }
    let titleLine = k - 1;
    while (titleLine >= 0 && lines[titleLine].trim() === "") titleLine--;
    const inputStart = k + 1;
    const inputEnd = lines.indexOf(".", inputStart);
    const expectedEnd = lines.indexOf(".", inputEnd + 1);
    if (inputEnd < 0 || expectedEnd < 0) throw new Error(`${file}:${k + 1}: unterminated fixture`);
    cases.push({
      title: (lines[titleLine] ?? "").replace(/^#+\s*/, ""),
      line: titleLine + 1,
      input: lines.slice(inputStart, inputEnd).join("\n"),
      expected: lines.slice(inputEnd + 1, expectedEnd).join("\n"),
    });
    k = expectedEnd + 1;
  }
  return cases;
}

export function fixturePath(...parts: string[]): string {
  return path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..", "fixtures", ...parts);
}
