// The fenced blocks of a chapter's raw Markdown, found by a regular expression: a guess at
// what markdown-it will parse, for what a build starts before the compiler has loaded
// (Chromium for diagrams, shiki for code). A wrong guess starts work for nothing, or not early.

/** A fence as markdown-it reads it: up to three spaces in, ``` or ~~~ and the info string,
 * its lines, and a closing fence of the same kind. */
const FENCE = /^( {0,3})(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)^ {0,3}\2[`~]*[ \t]*$/gm;

/** Each fence's info string and content, as the compiler passes them on (the fence's
 * indent taken off its lines). */
export function rawFences(markdown: string): { info: string; body: string }[] {
  return [...markdown.matchAll(FENCE)].map(([, indent, , info, body]) => ({
    info: info.trim(),
    body: indent ? body.replace(new RegExp(`^ {0,${indent.length}}`, "gm"), "") : body,
  }));
}
