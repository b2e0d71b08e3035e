// The order test files start in: the longest first, so that no worker is
// left with a long file to finish alone at the end (vitest's own order, on a clone with no
// results cached yet, puts the deck tests before the unit tests and larger files first).
// The list holds the files that take ten seconds or more on two cores, longest first
// (`npx vitest run --reporter=json` says how long each took); every other file follows by
// size. Run groups (sequence.groupOrder) keep their order.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LONGEST_FIRST = [
  "test/deck/axe-light.test.ts",
  "test/deck/axe-dark.test.ts",
  "test/deck/reading-view.test.ts",
  "test/deck/classroom.test.ts",
  "test/browser/room-a11y.test.ts",
  "test/browser/room.test.ts",
  "test/deck/exercises.test.ts",
  "test/browser/pdf.test.ts",
  "test/deck/deck.test.ts",
  "test/browser/pdf-annotations.test.ts",
  "test/browser/offline.test.ts",
  "test/cli/grad-cli.test.ts",
  "test/formulas/check-cli.test.ts",
  "test/present/present-cli.test.ts",
  "test/browser/drawing.test.ts",
  "test/browser/dev.test.ts",
  "test/grad/gradients.property.test.ts",
  "test/compile/compile-cache.test.ts",
  "test/compile/fixtures.test.ts",
  "test/browser/room-restart.test.ts",
];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const bySize = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const k = LONGEST_FIRST.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join("/"));
      return k === -1 ? LONGEST_FIRST.length : k;
    };
    const group = (spec: TestSpecification): number => spec.project.config.sequence.groupOrder;
    // a stable sort: within a rank, vitest's own order
    return bySize.map((spec, k) => ({ spec, k })).sort((a, b) => group(a.spec) - group(b.spec) || rank(a.spec) - rank(b.spec) || a.k - b.k).map(({ spec }) => spec);
  }
}
