// containers: `::: name [more names]` … `:::` wraps Markdown in <div class="name …">, for
// layouts such as `::: columns` with `::: column` inside.
import type { MarkdownIt } from "markdown-it";
import container from "markdown-it-container";

const NAMES = /^[a-z][\w-]*(?:\s+[a-z][\w-]*)*$/i;

export function containersPlugin(md: MarkdownIt): void {
  md.use(container, "div", {
    marker: ":",
    validate: (params: string) => NAMES.test(params.trim()),
    render: (tokens: { nesting: number; info: string }[], idx: number) =>
      tokens[idx].nesting === 1 ? `<div class="${md.utils.escapeHtml(tokens[idx].info.trim())}">\n` : "</div>\n",
  });
}
