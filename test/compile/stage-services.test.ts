// The stage table says which stages ask the snippet worker, and a session that compiles once
// closes the worker after the last of them: a stage that asks it without saying so would
// find it closed. Checked on the stages' sources.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPILE_STAGES, lastStageUsing } from "../../src/compile/pipeline.ts";

const stageSource = (name: string): string => readFileSync(path.join("src", "compile", "stages", `${name}.ts`), "utf8");
/** what in a stage's code reaches the snippet worker (src/compile/state.ts CompileServices) */
const ASKS_THE_WORKER = /\bstate\.cases\b|\brunSnippet\b|\bevaluateCase\b|\bloadNotation\b/;

describe("the stages' services", () => {
  it("every stage that asks the snippet worker says so, and the worker is closed after the last", () => {
    const asking = COMPILE_STAGES.filter((s) => ASKS_THE_WORKER.test(stageSource(s.name))).map((s) => s.name);
    expect(asking.length).toBeGreaterThan(2);
    const declared = COMPILE_STAGES.filter((s) => s.uses?.includes("snippet-worker")).map((s) => s.name);
    expect(declared).toEqual(asking);
    expect(lastStageUsing("snippet-worker")).toBe(asking.at(-1));
    expect(lastStageUsing("chromium")).toBe("diagrams");
  });
});
