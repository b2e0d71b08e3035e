// Puts the compiled deck into src/deck/index.html: the slides, the title, the theme and
// the runtime configuration.
import type { Plugin } from "vite";
import type { CompiledDeck } from "../compile/state.ts";
import { escapeHtml, scriptJson } from "../shared/html.ts";
import { mermaidConfig } from "../shared/mermaid-config.ts";
import { CHAPTERS_ID, RUNTIME_CONFIG_ID, type DeckRuntimeConfig } from "../shared/runtime-config.ts";


/** The page for `deck`; `withoutSlides`: with its slides left out (the offline file carries
 * them packed, src/vite/offline-file.ts). */
export function deckPageHtml(template: string, deck: CompiledDeck, withoutSlides = false): string {
  const config: DeckRuntimeConfig = {
    title: deck.options.title,
    theme: deck.options.theme,
    reveal: deck.options.reveal,
    mermaid: mermaidConfig(deck.options.theme),
    // exercises typeset and check TeX in the browser, with the deck's macros
    ...(deck.exercises ? { macros: deck.options.macros } : {}),
    buildId: deck.buildId,
  };
  const head = [
    `<meta name="author" content="${escapeHtml(deck.options.author)}" />`,
    `<meta name="generator" content="backprop-deck" />`,
    `<meta name="deck-name" content="${escapeHtml(deck.options.name)}" />`,
    `<script type="application/json" id="${RUNTIME_CONFIG_ID}">${scriptJson(config)}</script>`,
    `<script type="application/json" id="${CHAPTERS_ID}">${scriptJson(deck.chapters)}</script>`,
  ].join("\n    ");
  return template
    .replace('class="theme-light"', `class="theme-${deck.options.theme}"`)
    .replace("<!--deck-title-->", escapeHtml(deck.options.title))
    .replace("<!--deck-head-->", head)
    .replace("<!--deck-slides-->", () => (withoutSlides ? "" : deck.slidesHtml));
}

/** `current()` gives the deck to show: fixed for a build, the latest good one in dev. */
export function createDeckHtmlPlugin(current: () => CompiledDeck): Plugin {
  return {
    name: "backprop-deck:html",
    transformIndexHtml: {
      order: "pre",
      handler: (html) => deckPageHtml(html, current()),
    },
  };
}
