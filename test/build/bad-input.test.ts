// Every bad input the README promises to catch stops `npm run build` with
// `file:line:col: message` at the right place — no stack trace, no silent slide — and leaves
// the previous dist/ byte for byte as it was; `npm run check` reports the same. One deck
// holds every kind, one chapter each (the compiler collects all errors in one run).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDeck } from "../../src/vite/build.ts";
import { hasChromium } from "../support/browser.ts";
import { firstTreeDifference, readTree } from "../support/read-tree.ts";
import { runScript, type ScriptOutcome } from "../support/run-script.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

interface BadInput {
  name: string;
  /** the chapter's text; its file is slides/9N-bad.md */
  text: string;
  /** expected diagnostic, without the file name: "LINE:COL: message start" */
  expected: string;
  needsChromium?: boolean;
}

const BAD: BadInput[] = [
  { name: "a missing include file", text: "# X\n\n<<< ../code/missing.ts\n", expected: "3:5: include: no file code/missing.ts" },
  { name: "an unknown include region", text: "# X\n\n<<< ../code/sample.ts#nothing\n", expected: `3:5: include: no region "nothing"` },
  { name: "a dangling example link", text: `# X\n\n<!-- .slide: data-no-example="test" -->\n[x](#/nowhere){.example-link}\n`, expected: `4:1: example link "#/nowhere" does not lead to a slide` },
  { name: "an equation slide without an example", text: "# X\n\n$$\ny = 2x\n$$\n", expected: "3:1: equation slide without a numeric example" },
  { name: "a snippet that never ends", text: "# X\n\n```ts run\nwhile (true) {}\n```\n", expected: "3:1: snippet: the snippet ran longer than 2000 ms" },
  { name: "a snippet that imports a missing module", text: `# X\n\n\`\`\`ts run\nimport { nope } from "./nope.ts";\nexport default nope;\n\`\`\`\n`, expected: `4:22: snippet: cannot import "./nope.ts"` },
  { name: "a snippet whose value cannot be shown", text: "# X\n\n```ts run\nexport default Symbol('s');\n```\n", expected: "3:1: snippet: the snippet's value cannot be shown" },
  { name: "a snippet that exports a function", text: "# X\n\n```ts run\nexport default () => 1;\n```\n", expected: "3:1: snippet: the snippet exports a function" },
  { name: "a snippet with a syntax error", text: "# X\n\n```ts run\nconst a = 1;\nexport default a + ;\n```\n", expected: "5:20: snippet: Unexpected token" },
  { name: "a snippet that throws", text: "# X\n\n```ts run\nconst a = 1;\nthrow new Error('kaput');\n```\n", expected: "5:7: snippet: kaput" },
  { name: "a snippet in speaker notes that throws", text: "# X\n\nNote:\nnotes\n\n```ts run\nthrow new Error('in notes');\n```\n", expected: "7:7: snippet: in notes" },
  {
    name: "a live slider that cannot show the case's value",
    text: `# X\n\n\`\`\`ts run\nimport { live, tex } from "@deck/snippet";\nexport default live({\n  json: { b: 0.1 },\n  view: () => [tex\`1\`],\n  inputs: [{ label: "b", path: "b", min: -4, max: 4, step: 0.5 }],\n});\n\`\`\`\n`,
    expected: `8:26: live input "b": the case's value 0.1 is not on the slider's grid (min -4, step 0.5)`,
  },
  { name: "unclosed display math", text: "# X\n\nText.\n\n$$\n\\frac{1}{2}\n", expected: "5:1: TeX: display math opened with $$ is never closed" },
  { name: "a bad TeX formula", text: "# X\n\nText $\\frac{1}{$ here.\n", expected: "3:16: TeX: " },
  { name: "an untrusted TeX command", text: "# X\n\nText $\\href{https://x}{y}$.\n", expected: "3:7: TeX: \\href is not allowed" },
  { name: "a duplicate slide id (at the second)", text: "# A {#twice}\n\n---\n\n# B {#twice}\n", expected: `5:6: slide id "twice" is already used by the slide at slides/` },
  { name: "bad YAML front matter", text: "---\nchapter: [open\n---\n# X\n", expected: "2:1: front matter: " },
  { name: "a deck option outside the first chapter", text: "---\ntheme: dark\n---\n# X\n", expected: `2:1: front matter: "theme" is a deck option` },
  { name: "a broken diagram", text: "# X\n\n```mermaid\nflowchart LR\n  a --> b -->\n```\n", expected: "5:1: mermaid: ", needsChromium: true },
  { name: "a diagram step that names no node", text: "# X\n\n```mermaid\nflowchart LR\n  a --> b\n  %% step 1: a-->c\n```\n", expected: `6:1: mermaid: step 1: no node or edge "a-->c"`, needsChromium: true },
];
const cases = BAD.filter((b) => hasChromium || !b.needsChromium).map((b, k) => ({ ...b, file: `slides/${90 + k}-bad.md` }));
/** and in the first chapter: an unknown deck option, at its own line */
const UNKNOWN_OPTION = { file: "slides/01-intro.md", expected: `6:1: front matter: unknown deck option "colour"` };

let root: string;
let before: Map<string, Buffer>;
let build: ScriptOutcome;
let check: ScriptOutcome;

beforeAll(async () => {
  root = copySampleDeck();
  await buildDeck({ deckRoot: root });
  before = readTree(path.join(root, "dist"));
  const first = path.join(root, UNKNOWN_OPTION.file);
  writeFileSync(first, readFileSync(first, "utf8").replace("name: sample\n", "name: sample\nsnippetTimeoutMs: 2000\ncolour: blue\n"));
  for (const c of cases) writeFileSync(path.join(root, c.file), c.text);
  [build, check] = [await runScript("build", [], { cwd: root }), await runScript("check", [], { cwd: root })];
}, 180_000);

/** The diagnostics a run printed, in order. */
const diagnosticLines = (o: ScriptOutcome): string[] => o.stderr.split("\n").filter((l) => /^slides\/[\w.-]+:\d+:\d+: /.test(l));

describe("bad input", () => {
  it.each(cases)("$name: $file:$expected", ({ file, expected }) => {
    expect(diagnosticLines(build).some((l) => l.startsWith(`${file}:${expected}`)), build.stderr).toBe(true);
  });

  it("an unknown deck option is reported at its line", () => {
    expect(diagnosticLines(build).some((l) => l.startsWith(`${UNKNOWN_OPTION.file}:${UNKNOWN_OPTION.expected}`)), build.stderr).toBe(true);
  });

  it("stops the build with exit 1, no stack trace, and dist/ byte for byte as it was", () => {
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("dist/ was left as it was");
    expect(build.stderr + build.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(firstTreeDifference(readTree(path.join(root, "dist")), before)).toBe("");
    expect(readdirSync(root).filter((f) => f.startsWith("."))).toEqual([]); // no staging left
  });

  it("npm run check reports the same diagnostics, writes nothing, and exits 1", () => {
    expect(check.code).toBe(1);
    expect(diagnosticLines(check)).toEqual(diagnosticLines(build));
    expect(existsSync(path.join(root, "dist", "sample.pdf"))).toBe(false);
    expect(firstTreeDifference(readTree(path.join(root, "dist")), before)).toBe("");
  });
});
