// The compiler against the fixture files in test/fixtures/compile (Markdown in, HTML
// structure and diagnostics out). Each test is named after its fixture's file and line.
import { afterAll, describe, it } from "vitest";
import { checkExpectations, fixtureDeck } from "../support/compile-fixture.ts";
import { fixturePath, readFixtures } from "../support/fixtures.ts";

const deck = fixtureDeck({
  "code/sample.ts": "export const a = 1;\n// #region body\nconst inside = 2;\n// #endregion body\n",
});
afterAll(() => deck.close());

for (const name of ["math.txt", "markdown.txt", "snippets.txt", "links.txt"]) {
  describe(name, () => {
    for (const fixture of readFixtures(fixturePath("compile", name))) {
      it(`${name}:${fixture.line} ${fixture.title}`, async () => {
        checkExpectations(await deck.compile(fixture.input), fixture.expected);
      });
    }
  });
}
