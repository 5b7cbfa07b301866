/** Where a searchable text comes from: the course itself, or the student's own notes and highlights. */
export type SearchKind = 'course' | 'note' | 'highlight';

export const SEARCH_KINDS: readonly SearchKind[] = ['course', 'note', 'highlight'];

/**
 * One searchable unit. For the course that is a section (every H2 starts one, the text before the
 * first H2 is the page's intro); for the student's data it is one note or one highlight.
 */
export interface SearchDocument {
  /** Unique in the index: a section id such as "page.md#slug", or e.g. "note:<id>" for a note. */
  id: string;
  pagePath: string;
  pageTitle: string;
  sectionTitle: string;
  /** H3 and deeper headings inside the section, in order. */
  headings: string[];
  /** Plain text of the section (or note) without its headings: what snippets are cut from. */
  text: string;
  kind: SearchKind;
}

/** Checks a document from outside the engine and names the first thing that is wrong with it. */
export function assertSearchDocument(doc: unknown, where: string): asserts doc is SearchDocument {
  if (typeof doc !== 'object' || doc === null) throw new TypeError(`${where} is not a search document object.`);
  const record = doc as Record<string, unknown>;
  for (const key of ['id', 'pagePath', 'pageTitle', 'sectionTitle', 'text'] as const) {
    if (typeof record[key] !== 'string') throw new TypeError(`${where} has no string "${key}".`);
  }
  if (record.id === '') throw new TypeError(`${where} has an empty "id".`);
  if (!Array.isArray(record.headings) || !record.headings.every((h) => typeof h === 'string')) {
    throw new TypeError(`${where} (${String(record.id)}) has "headings" that is not a list of strings.`);
  }
  if (!SEARCH_KINDS.includes(record.kind as SearchKind)) {
    throw new TypeError(
      `${where} (${String(record.id)}) has kind ${JSON.stringify(record.kind)}; expected one of ${SEARCH_KINDS.join(', ')}.`,
    );
  }
}
