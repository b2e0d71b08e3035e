// What the dev server sends the page after an edit: the slides whose HTML changed, and for
// the slides the edit only moved in their file, their new place alone (the page keeps what it
// drew in them); the whole deck when its shape changed.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { DeckSession } from "../../src/session/session.ts";
import { DevDeck, deckUpdate } from "../../src/vite/dev-state.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

const deckRoot = copySampleDeck();
const chapter = path.join(deckRoot, "slides", "01-intro.md");
const original = readFileSync(chapter, "utf8");
const session = DeckSession.create({ deckRoot, diagrams: "browser" });
afterAll(() => session.close());

async function compiled(text: string): Promise<CompiledDeck> {
  writeFileSync(chapter, text);
  return session.compile();
}

describe("the dev server's update", () => {
  it("sends the edited slide's HTML and only the new data-source of the slides it moved", async () => {
    const before = await compiled(original);
    const after = await compiled(original.replace("## The chain rule\n", "## The chain rule\n\nOne more line.\n"));
    const update = deckUpdate(before.sections, after);
    if (!("changed" in update)) throw new Error("expected the slides that changed, got the whole deck");
    expect(update.shape).toEqual(before.sections.map((s) => s.length));
    const edited = update.changed.filter((c) => "html" in c);
    expect(edited).toHaveLength(1);
    expect("html" in edited[0] && edited[0].html).toContain("One more line.");
    // every later slide of the chapter moved down two lines, and nothing else changed in it
    const moved = update.changed.filter((c) => "source" in c);
    expect(moved.length).toBeGreaterThan(0);
    for (const change of moved) {
      const was = before.sections[change.index][change.slide].match(/data-source="[^"]*:(\d+)"/)![1];
      expect("source" in change && change.source).toBe(`slides/01-intro.md:${Number(was) + 2}`);
    }
    // the other chapter's slides are not sent
    expect(update.changed.every((c) => !after.sections[c.index][c.slide].includes("slides/02-code.md"))).toBe(true);
  });

  it("sends the whole deck when a slide is added", async () => {
    const before = await compiled(original);
    const after = await compiled(original.replace("\n## A diagram\n", "\n## Inserted\n\nA new slide.\n\n---\n\n## A diagram\n"));
    expect(deckUpdate(before.sections, after)).toEqual({ slidesHtml: after.slidesHtml });
  });

  it("hears of a second save the file watcher left out (one change per 50 ms): it looks at the chapters again", async () => {
    writeFileSync(chapter, original);
    const dev = await DevDeck.start(session);
    const shown: string[] = [];
    dev.subscribe({ updated: (_update, deck) => shown.push(deck.slidesHtml), failed: () => undefined });
    writeFileSync(chapter, original.replace("## The chain rule\n", "## The chain rule\n\nFirst save.\n"));
    dev.fileChanged(chapter);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // saved again inside the watcher's window: no event for this one
    writeFileSync(chapter, original.replace("## The chain rule\n", "## The chain rule\n\nSecond save.\n"));
    await expect.poll(() => dev.current.slidesHtml, { timeout: 10_000 }).toContain("Second save.");
    expect(dev.current.slidesHtml).not.toContain("First save.");
    await dev.idle();
  });
});
