import type { CompiledPage } from '../../contract.js';

/**
 * What search indexes: one document per part of a page (its intro, then each section), as plain
 * text. The pack carries them as search/documents.json, so a search index can be built from a
 * pack without compiling anything.
 */
export interface SearchDocument {
  /** The section id (`pagePath#slug`), or the page path for the page's intro. */
  id: string;
  pagePath: string;
  pageTitle: string;
  sectionTitle: string;
  /** Titles of the H3 and deeper headings inside the section. */
  headings: string[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Visible text of sanitized HTML, without icons and markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<svg\b[\s\S]*?<\/svg>/gi, ' ')
    .replace(/<(?:br|\/p|\/li|\/h\d|\/div|\/dt|\/dd|\/tr|\/td|\/th|\/pre|\/summary|hr)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildSearchDocuments(page: CompiledPage): SearchDocument[] {
  const documents: SearchDocument[] = [];
  const introText = htmlToText(page.introHtml);
  if (introText) {
    documents.push({
      id: page.path,
      pagePath: page.path,
      pageTitle: page.title,
      sectionTitle: page.title,
      headings: [],
      text: introText,
    });
  }
  for (const section of page.sections) {
    documents.push({
      id: section.id,
      pagePath: page.path,
      pageTitle: page.title,
      sectionTitle: section.title,
      headings: section.toc.map((entry) => entry.title),
      text: htmlToText(section.html),
    });
  }
  return documents;
}
