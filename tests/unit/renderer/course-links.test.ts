import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import { pagesOf } from '../../../electron/core/library/library.js';
import { parseCourseLink, sectionForAnchor } from '../../../renderer/src/lib/course-links.js';

const tour = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/courses/material-tour');
const course = compileCourse(loadMkDocsSource(tour), { shortcodes: loadShortcodes() });
/** Every section in reading order, as the reader lists them. */
const sections = pagesOf(course.manifest.nav).flatMap((page) => page.sections.map((section) => ({ page, section })));
const textPage = course.pages.find((page) => page.path === 'text.md')!;

describe('where a link in course content leads', () => {
  it('reads page, anchor and file links as the compiler writes them', () => {
    expect(parseCourseLink('carrel:page/text.md#keyboard-keys')).toEqual({
      kind: 'page',
      pagePath: 'text.md',
      anchor: 'keyboard-keys',
    });
    expect(parseCourseLink('carrel:page/week%201/intro%20notes.md')).toEqual({
      kind: 'page',
      pagePath: 'week 1/intro notes.md',
      anchor: null,
    });
    expect(parseCourseLink('#fn:tasks')).toEqual({ kind: 'anchor', anchor: 'fn:tasks' });
    expect(parseCourseLink('carrel:file/files/week%201%20slides.pdf')).toEqual({
      kind: 'file',
      path: 'files/week%201%20slides.pdf',
      fileName: 'week 1 slides.pdf',
    });
    for (const other of ['https://www.mkdocs.org/', 'mailto:someone@example.org', '#', 'carrel:page/%E0%A4%A.md']) {
      expect(parseCourseLink(other), other).toBeNull();
    }
  });

  it('finds the section of a page that holds a heading, a footnote or nothing in particular', () => {
    expect(sectionForAnchor(sections, 'code.md', 'diagrams', null)).toBe('code.md#diagrams');
    expect(sectionForAnchor(sections, 'text.md', 'keyboard-keys', null)).toBe('text.md#inline-formatting');
    // Footnotes are listed at the end of the page, which only the loaded page shows.
    expect(sectionForAnchor(sections, 'text.md', 'fn:tasks', textPage)).toBe('text.md#inline-formatting');
    expect(sectionForAnchor(sections, 'text.md', 'fn:tasks', null)).toBe('text.md#lists-and-tables');
    expect(sectionForAnchor(sections, 'callouts.md', null, null)).toBe('callouts.md#admonitions');
    expect(sectionForAnchor(sections, 'gone.md', 'anything', null)).toBeNull();
  });
});
