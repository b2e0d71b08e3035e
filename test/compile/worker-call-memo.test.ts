// The dev session's memory of the snippet worker's answers: a changed file makes it ask again
// exactly what read that file (and what was still on its way), and keeps every other answer.
import { describe, expect, it } from "vitest";
import { WorkerCallMemo, type WorkerAnswer } from "../../src/session/services.ts";

/** A memo and a count of how often each key was asked of the worker. */
function counted(): { memo: WorkerCallMemo; ask: (key: string, deps: string[]) => Promise<WorkerAnswer>; asked: Map<string, number> } {
  const memo = new WorkerCallMemo();
  const asked = new Map<string, number>();
  const ask = (key: string, deps: string[]): Promise<WorkerAnswer> =>
    memo.remember(key, async () => {
      asked.set(key, (asked.get(key) ?? 0) + 1);
      return { ok: true, deps };
    });
  return { memo, ask, asked };
}

describe("WorkerCallMemo.forget", () => {
  it("asks again what read the changed file, and nothing else", async () => {
    const { memo, ask, asked } = counted();
    await ask("case lstm", ["/deck/slides/examples/lstm.json", "/deck/src/grad/lstm.ts"]);
    await ask("case gru", ["/deck/slides/examples/gru.json", "/deck/src/grad/gru.ts"]);
    await ask("snippet", ["/deck/slides/lib/table.ts"]);
    memo.forget("/deck/slides/examples/lstm.json");
    await ask("case lstm", ["/deck/slides/examples/lstm.json", "/deck/src/grad/lstm.ts"]);
    await ask("case gru", []);
    await ask("snippet", []);
    expect(Object.fromEntries(asked)).toEqual({ "case lstm": 2, "case gru": 1, snippet: 1 });
    expect(memo.held().map(([key]) => key).sort()).toEqual(["case gru", "case lstm", "snippet"]);
  });

  it("asks again an answer still on its way when a file changes, and forgets nothing for a file nobody read", async () => {
    const { memo, ask, asked } = counted();
    await ask("snippet", ["/deck/slides/lib/table.ts"]);
    const onItsWay = ask("case lstm", ["/deck/slides/examples/lstm.json"]);
    memo.forget("/deck/slides/examples/new-case.json");
    await onItsWay;
    expect(memo.held().map(([key]) => key)).toEqual(["snippet"]); // what came after it was forgotten is not kept
    await ask("case lstm", ["/deck/slides/examples/lstm.json"]);
    await ask("snippet", []);
    expect(Object.fromEntries(asked)).toEqual({ "case lstm": 2, snippet: 1 });
  });
});
