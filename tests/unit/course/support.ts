import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { compileCourse, type CompiledCourse } from '../../../electron/core/course/compile-course.js';
import { compilePage } from '../../../electron/core/course/compile-page.js';
import type { CourseFiles } from '../../../electron/core/course/links.js';
import { PYTHON_MARKDOWN_DIALECT, type MarkdownDialect } from '../../../electron/core/course/markdown/dialect.js';
import { MathTypesetter } from '../../../electron/core/course/markdown/math.js';
import { emptyReport } from '../../../electron/core/course/report.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import type { CompiledPage } from '../../../electron/contract.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures/courses', name);
export const tempDir = (prefix = 'carrel-course-') => mkdtempSync(path.join(tmpdir(), prefix));

/** A copy of a fixture course in a temp folder, for tests that add or break files. */
export function fixtureCopy(name: string): string {
  const dir = path.join(tempDir(), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

export function compileFolder(dir: string): CompiledCourse {
  return compileCourse(loadMkDocsSource(dir), { shortcodes: loadShortcodes() });
}

/**
 * Compiles one page of Markdown as `page.md` of a course that has only that page and, when
 * given, the files `isFile` accepts.
 */
export function compileMarkdown(
  markdown: string,
  isFile: CourseFiles['isFile'] = () => false,
  dialect: MarkdownDialect = PYTHON_MARKDOWN_DIALECT,
) {
  const report = emptyReport();
  const { page, texts } = compilePage({
    pagePath: 'page.md',
    displayPath: 'docs/page.md',
    markdown,
    files: { isPage: (p) => p === 'page.md', isFile },
    services: { shortcodes: loadShortcodes(), math: new MathTypesetter(), dialect },
    report,
  });
  return { html: pageHtml(page), page, texts, report };
}

export function pageOf(course: CompiledCourse, pagePath: string): CompiledPage {
  const page = course.pages.find((p) => p.path === pagePath);
  if (!page) throw new Error(`No page ${pagePath}; pages: ${course.pages.map((p) => p.path).join(', ')}`);
  return page;
}

/** The whole page as one HTML string, as a student scrolls through it. */
export const pageHtml = (page: CompiledPage) => page.sections.map((s) => s.html).join('');

/** A small query helper over a real HTML parser: elements by tag and, optionally, class. */
export function query(html: string) {
  const document = parseDocument(html);
  const all = (tag: string, className?: string): Element[] =>
    DomUtils.findAll(
      (el) => el.name === tag && (className === undefined || (el.attribs.class ?? '').split(/\s+/).includes(className)),
      document.children,
    );
  return {
    all,
    one(tag: string, className?: string): Element {
      const found = all(tag, className);
      if (!found.length) throw new Error(`No <${tag}${className ? `.${className}` : ''}> in:\n${html}`);
      return found[0]!;
    },
    text: (el: Element) => DomUtils.textContent(el).trim(),
  };
}

export const diagnosticsOf = (course: CompiledCourse, severity: 'error' | 'warning') =>
  course.report.diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => `${d.file}:${d.line ?? '-'} ${d.message}`);
