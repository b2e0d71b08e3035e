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

  it("forgets at a sweep the snippets' answers the compile before it did not ask (a snippet's earlier versions), and keeps cases", async () => {
    const { memo, ask, asked } = counted();
    await ask("snippet\0slides/a.md\0v1", ["/deck/slides/lib/table.ts"]);
    await ask("case\0slides/examples/lstm.json\0", ["/deck/slides/examples/lstm.json"]);
    memo.sweep();
    await ask("snippet\0slides/a.md\0v2", ["/deck/slides/lib/table.ts"]); // the snippet edited
    memo.sweep(); // the case was not asked: its slide came from the compile cache
    expect(memo.held().map(([key]) => key).sort()).toEqual(["case\0slides/examples/lstm.json\0", "snippet\0slides/a.md\0v2"]);
    await ask("snippet\0slides/a.md\0v1", []); // undone: asked again
    await ask("case\0slides/examples/lstm.json\0", []);
    expect([...asked.values()]).toEqual([2, 1, 1]);
  });
});
