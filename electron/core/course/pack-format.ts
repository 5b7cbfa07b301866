import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledPage, CourseManifest, PageNode } from '../../contract.js';
import { buildSearchIndex, serializeIndex } from '../search/index.js';
import type { CompiledCourse } from './compile-course.js';
import { writeZip } from './pack/zip-writer.js';

/**
 * The course pack layout, the same whether it is a folder (the bundled course) or a zip file:
 *
 *   manifest.json              format, id, title, version, nav with sections, asset list
 *   pages/<page path>.html     one HTML file per page: an intro and one <section> per section
 *   assets/<asset path>        images and other files the pages reference
 *   search/documents.json      plain text of every page part, for search (see search-documents.ts)
 *   search/index.bin           the search index over those documents (see electron/core/search)
 *
 * A `.carrel` file is this layout in one zip (see pack/zip-writer.ts): manifest.json at its root,
 * entries sorted, fixed timestamps, so the same course always packs to the same bytes.
 * manifest.json's `format` is the layout's version; readers refuse formats newer than their own.
 * Links and image sources inside pages follow links.ts.
 *
 * Section markers carry `data-section-id`; compiled content cannot contain data-* attributes
 * (the sanitizer drops them), so the markers are unambiguous when a page is read back.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SEARCH_DOCUMENTS_FILE = 'search/documents.json';
/** The search index built from those documents (electron/core/search), loaded by the reader. */
export const SEARCH_INDEX_FILE = 'search/index.bin';

export function pageFileName(pagePath: string): string {
  return `pages/${pagePath.replace(/\.md$/, '')}.html`;
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const unescapeAttr = (value: string) => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export function serializePage(page: CompiledPage): string {
  return page.sections
    .map((section) => `<section data-section-id="${escapeAttr(section.id)}">\n${section.html}</section>\n`)
    .join('');
}

const SECTION_MARKER = /<section data-section-id="([^"]*)">\n/g;
const CLOSING = '</section>\n';

/**
 * Reads a page file back, with titles and contents from the manifest's entry for the page. Packs
 * of earlier versions open with a `<section class="carrel-intro">` the manifest does not list,
 * and which is left out here as those versions left it out.
 */
export function parsePage(html: string, node: PageNode): CompiledPage {
  const markers = [...html.matchAll(SECTION_MARKER)];
  const bodies = new Map<string, string>();
  markers.forEach((marker, i) => {
    const start = marker.index + marker[0].length;
    const end = (markers[i + 1]?.index ?? html.length) - CLOSING.length;
    bodies.set(unescapeAttr(marker[1]!), html.slice(start, end));
  });
  return {
    path: node.path,
    title: node.title,
    sections: node.sections.map((section) => ({ ...section, html: bodies.get(section.id) ?? '' })),
  };
}

/** Every file of a course's pack, by its path inside the pack. */
export function packEntries(course: CompiledCourse): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  entries.set(MANIFEST_FILE, Buffer.from(`${JSON.stringify(course.manifest, null, 2)}\n`));
  for (const page of course.pages) entries.set(pageFileName(page.path), Buffer.from(serializePage(page)));
  for (const [assetPath, bytes] of course.assets) entries.set(`assets/${assetPath}`, bytes);
  entries.set(SEARCH_DOCUMENTS_FILE, Buffer.from(`${JSON.stringify(course.searchDocuments)}\n`));
  const index = buildSearchIndex(course.searchDocuments.map((document) => ({ ...document, kind: 'course' as const })));
  entries.set(SEARCH_INDEX_FILE, Buffer.from(serializeIndex(index)));
  return entries;
}

/** Writes a compiled course as a pack folder, replacing whatever was there. */
export function writePackDirectory(dir: string, course: CompiledCourse): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of packEntries(course)) {
    const file = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
}

/** The bytes of a `.carrel` file for a compiled course. */
export function packFileBytes(course: CompiledCourse): Buffer {
  return writeZip([...packEntries(course)].map(([name, data]) => ({ name, data })));
}

export function readManifest(dir: string): CourseManifest {
  return JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as CourseManifest;
}
