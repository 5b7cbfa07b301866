import type { CompiledPage } from '../../contract.js';
import type { SearchDocument as EngineDocument } from '../search/index.js';

/**
 * What search indexes: one document per section of a page (its opening, whose id is the page
 * path, then each H2's), as plain text. The pack carries them as search/documents.json, so a
 * search index can be built from a pack without compiling anything. Every document of a pack is
 * course text, so the engine's `kind` is added when the index is built.
 */
export type SearchDocument = Omit<EngineDocument, 'kind'>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi;
const SVG = /<svg\b[\s\S]*?<\/svg>/gi;
/**
 * Tags that end a line of text (or stand for one), a deletion's end and a reviewer's comment
 * (pymdownx.critic): the words on either side stay apart. sanitize.ts keeps the same list.
 */
const BREAKING_TAG =
  /<(?:br|\/p|\/li|\/h\d|\/div|\/dt|\/dd|\/tr|\/td|\/th|\/pre|\/summary|\/label|\/del|hr)\b[^>]*>|<span class="critic comment">/gi;
/** Footnote markers and the links back to them are not words of the text ("well¹" is not "well1"). */
const FOOTNOTE_MARKER = /<a class="footnote-(?:ref|backref)"[^>]*>[^<]*<\/a>/g;
const TAG = /<[^>]+>/g;
/** Whitespace other than a single space: what normalizing changes. */
const COLLAPSIBLE = /[^\S ]\s*| \s+/g;

/**
 * The visible text of HTML, entities decoded, before its whitespace is normalized: icons (SVG)
 * and tags that separate words become a space, other tags nothing.
 */
export function visibleText(html: string): string {
  // Most parts have no pictures: the search for one is skipped, and so is decoding without `&`.
  let markup = html.includes('<svg') ? html.replace(SVG, ' ') : html;
  if (markup.includes('class="footnote-')) markup = markup.replace(FOOTNOTE_MARKER, '');
  const text = markup.replace(BREAKING_TAG, ' ').replace(TAG, '');
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Search text: each run of whitespace one space, none at the ends. */
export const normalizeSpace = (text: string) => text.replace(COLLAPSIBLE, ' ').trim();

/** One document per section of a compiled page, its text gathered while it was compiled. */
export function buildSearchDocuments(page: CompiledPage, texts: readonly string[]): SearchDocument[] {
  return page.sections.map((section, index) => ({
    id: section.id,
    pagePath: page.path,
    pageTitle: page.title,
    sectionTitle: section.title,
    headings: section.toc.map((entry) => entry.title),
    text: texts[index] ?? '',
  }));
}
