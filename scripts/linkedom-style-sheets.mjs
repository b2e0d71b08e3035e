// linkedom, as the commands bundle it (scripts/launch.mjs), without its CSS parser: its
// <style> element imports cssomnom (≈ 340 KB of the build's largest chunk, its tables built
// as the chunk loads) only to answer `.sheet`, which nothing the commands run asks — they
// parse slides' HTML, read and write it out. Loading the build's compiler took ≈ 0.13 s
// less (the benchmark deck's time to "compiling slides…", six alternated runs). A `.sheet`
// read in a command would throw, saying so. Plain JavaScript: launch.mjs runs before any
// TypeScript can.

const PARSER_IMPORT = "import {parse} from 'cssomnom/parse';";

/** linkedom's esm/html/style-element.js */
export const STYLE_ELEMENT_FILE = /[\\/]linkedom[\\/]esm[\\/]html[\\/]style-element\.js$/;

/** `code` (that file) with the parser's import replaced by a function that throws;
 * undefined when the file does not read as expected (it is then bundled as it is). */
export function withoutStyleSheetParser(code) {
  if (code.split(PARSER_IMPORT).length !== 2 || !code.includes("parse(this.textContent)")) return undefined;
  return code.replace(
    PARSER_IMPORT,
    "const parse = () => { throw new Error(\"linkedom's style sheets are not parsed in this command: its CSS parser is left out of the bundle (scripts/linkedom-style-sheets.mjs)\"); };",
  );
}
