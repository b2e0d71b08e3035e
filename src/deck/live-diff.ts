// Which numbers a presenter's change moved: the TeX of a live value is compared with the
// TeX the build showed, number by number, and each number that differs is wrapped so the
// slide can mark it. Pure string work, no DOM, so the same rule is tested in Node.
const NUMBER = /-?\d+(?:\.\d+)?(?:\\times10\^\{-?\d+\})?/g;

/** The marker around a changed number (KaTeX's \htmlData, trusted for this key only). */
export const LIVE_DIFF_KEY = "data-live-diff";

const mark = (number: string): string => `\\htmlData{live-diff=1}{${number}}`;

/** `after` with every number that differs from the number in the same place in `before`
 * marked. When the two differ in more than their numbers, every number in `after` is. */
export function markChangedNumbers(before: string, after: string): string {
  const shape = (tex: string): string => tex.replace(NUMBER, "#");
  const old = before.match(NUMBER) ?? [];
  const comparable = shape(before) === shape(after);
  let k = 0;
  return after.replace(NUMBER, (number) => {
    const same = comparable && old[k] === number;
    k++;
    return same ? number : mark(number);
  });
}
