// Stage "bibliography": the deck's BibTeX (slides/references.bib beside the chapters) read,
// every `[@key]` of the slides and their notes found before anything is rendered — an unknown
// key is an error where it is written — and each cited work given its place on the
// references slides (as many a slide as fit), so that a citation links to the slide that lists it.
import { Bibliography, loadCiteProcessor, referencePages, referencesSlideId } from "../bibliography.ts";
import { citationsIn } from "../markdown/references.ts";
import type { DeckState } from "../state.ts";

export async function bibliographyStage(state: DeckState): Promise<void> {
  const found = state.parsed.flatMap((s) => [...citationsIn(s.tokens), ...citationsIn(s.notesTokens ?? [])]);
  const dir = state.chapters[0]?.path.replace(/\/[^/]*$/, "");
  const file = `${dir}/references.bib`;
  const text = dir ? state.services.readProjectFile(file) : undefined;
  if (text === undefined) return; // a citation without a bibliography is reported where it stands
  const key = `${file}\0${text}`;
  const Cite = state.cache.bibliographies.has(key) ? undefined : await loadCiteProcessor();
  const record = state.cache.bibliographies.remember(key, () => {
    const value = Bibliography.read(file, text, Cite!); // loaded just above when the shelf lacks it
    return { value, keep: !("message" in value) };
  });
  if ("message" in record) {
    state.diagnostics.error(record.at, record.message);
    return;
  }
  let read = state.cache.bibliographyOf.get(record);
  if (!read) state.cache.bibliographyOf.set(record, (read = new Bibliography(record, Cite)));
  const cited = new Set<string>();
  for (const { keys, at } of found) {
    for (const key of keys) {
      if (read.has(key)) cited.add(key);
      else state.diagnostics.error(at ?? { file, line: 1, col: 1 }, `[@${key}]: no entry "${key}" in ${file} (it has ${read.keys.join(", ")})`);
    }
  }
  // citation-js only for what the record has not formatted before (a build after a build
  // with the same citations loads none)
  const groups = found.map(({ keys }) => keys.filter((k) => read.has(k))).filter((g) => g.length > 0);
  if (!read.formats(groups, [...cited])) read.useProcessor(Cite ?? (await loadCiteProcessor()));
  const pages = cited.size ? referencePages(read.entriesHtml([...cited])) : [];
  for (const key of read.keys.filter((k) => !cited.has(k))) state.diagnostics.warning({ file, line: 1, col: 1 }, `references: "${key}" is never cited, so the references slides leave it out`);
  state.citations = { bibliography: read, pages, slideOf: new Map(pages.flatMap((entries, page) => entries.map((e) => [e.key, referencesSlideId(page)]))) };
}
