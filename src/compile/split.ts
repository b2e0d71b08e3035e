// Splits one chapter's Markdown into slides, reveal.js / reveal-md style: a line `---`
// starts a new slide, `--` a vertical sub-slide, and a line starting `Note:` starts the
// speaker notes of the slide it is in. Separators inside code fences, display math and
// HTML comments do not split. Pure: text in, slides out, every part with its line.

export interface SlideSource {
  file: string;
  /** 1-based line in `file` of the slide's first Markdown line */
  line: number;
  /** position within the chapter: horizontal group and vertical index in it (0-based) */
  h: number;
  v: number;
  markdown: string;
  notes?: { markdown: string; line: number };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const NOTES = /^notes?:\s?/i;

/** Counts `$$` that are not escaped with a backslash. */
function displayMathDelimiters(line: string): number {
  let count = 0;
  for (let k = 0; k < line.length - 1; k++) {
    if (line[k] === "\\") {
      k++;
      continue;
    }
    if (line[k] === "$" && line[k + 1] === "$") {
      count++;
      k++;
    }
  }
  return count;
}

/** Splits `text` (which starts at 1-based `firstLine` of `file`) into slides. */
export function splitSlides(text: string, file: string, firstLine = 1): SlideSource[] {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const slides: SlideSource[] = [];
  let h = 0;
  let v = 0;
  let start = 0; // index into lines of the current slide's first line
  let notesAt = -1; // index of the Note: line, or -1

  let fence: { char: string; length: number } | undefined;
  let inMath = false;
  let inComment = false;

  const close = (end: number): void => {
    const bodyEnd = notesAt >= 0 ? notesAt : end;
    const slide: SlideSource = { file, line: firstLine + start, h, v, markdown: lines.slice(start, bodyEnd).join("\n") };
    if (notesAt >= 0) {
      const first = lines[notesAt].replace(NOTES, "");
      slide.notes = { markdown: [first, ...lines.slice(notesAt + 1, end)].join("\n"), line: firstLine + notesAt };
    }
    slides.push(slide);
    notesAt = -1;
  };

  lines.forEach((line, k) => {
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
      return;
    }
    if (inComment) {
      if (line.includes("-->")) inComment = false;
      return;
    }
    if (inMath) {
      if (displayMathDelimiters(line) % 2 === 1) inMath = false;
      return;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = { char: open[1][0], length: open[1].length };
      return;
    }
    const trimmed = line.trimEnd();
    if (trimmed === "---" || trimmed === "--") {
      close(k);
      if (trimmed === "---") {
        h++;
        v = 0;
      } else {
        v++;
      }
      start = k + 1;
      return;
    }
    if (notesAt < 0 && NOTES.test(line)) {
      notesAt = k;
      return;
    }
    const commentOpen = line.lastIndexOf("<!--");
    if (commentOpen >= 0 && line.indexOf("-->", commentOpen) < 0) {
      inComment = true;
      return;
    }
    if (displayMathDelimiters(line) % 2 === 1) inMath = true;
  });
  close(lines.length);
  // A chapter that starts or ends with a separator leaves an empty slide behind: drop it.
  return slides.filter((s) => s.markdown.trim() !== "" || (s.notes?.markdown.trim() ?? "") !== "");
}
