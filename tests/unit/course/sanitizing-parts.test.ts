import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCourse, type CompileOptions } from '../../../electron/core/course/compile-course.js';
import { compilePage } from '../../../electron/core/course/compile-page.js';
import { PYTHON_MARKDOWN_DIALECT } from '../../../electron/core/course/markdown/dialect.js';
import { MathTypesetter } from '../../../electron/core/course/markdown/math.js';
import { emptyReport } from '../../../electron/core/course/report.js';
import { loadContentSource } from '../../../electron/core/course/content-source.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import type { CourseSource } from '../../../electron/core/course/source.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import { generateCorpus, writeMkdocsProject } from '../../bench/corpus.js';
import { compileMarkdown, fixture, repoRoot, tempDir } from './support.js';

/**
 * The compiler sanitizes only the parts of a page that hold HTML the author wrote; its own markup
 * is written to the allowlist by construction. Compiling with every part sanitized must then
 * change nothing: not a byte of HTML, not a word of search text, not an id.
 */
const shortcodes = loadShortcodes();
const compileBothWays = (load: () => CourseSource) => {
  const options = (sanitize: CompileOptions['sanitize']) => ({ shortcodes, sanitize });
  return [compileCourse(load(), options('raw-html')), compileCourse(load(), options('everything'))] as const;
};

function generatedCourse(): string {
  const dir = tempDir();
  writeMkdocsProject(generateCorpus({ pages: 150, queriesPerKind: 2, commonPerKind: 2 }), dir);
  return dir;
}

describe('sanitizing only author-written HTML', () => {
  const courses: [string, () => CourseSource][] = [
    ['the bundled course', () => loadContentSource(path.join(repoRoot, 'content'))],
    ...readdirSync(fixture('.')).map((name): [string, () => CourseSource] => [
      `the ${name} fixture`,
      () => loadMkDocsSource(fixture(name)),
    ]),
  ];
  const generated = generatedCourse();
  courses.push(['150 generated pages', () => loadMkDocsSource(generated)]);

  it.each(courses)('gives %s exactly what sanitizing every part gives', (_, load) => {
    const [fast, everything] = compileBothWays(load);
    expect(fast.pages).toEqual(everything.pages);
    expect(fast.searchDocuments).toEqual(everything.searchDocuments);
    expect(fast.report).toEqual(everything.report);
    expect(fast.manifest).toEqual(everything.manifest);
  });

  it('keeps only the attributes the allowlist keeps from attribute lists', () => {
    const { html } = compileMarkdown(
      [
        '[Go](https://example.org){ onclick="steal()" href="javascript:alert(1)" title="Next" .md-button }',
        '',
        'Lead paragraph.',
        '{ style="background: url(https://x.org/a.png); color: red" data-x="1" #lead }',
      ].join('\n'),
    );
    expect(html).toContain('<a href="https://example.org" class="md-button" title="Next">Go</a>');
    expect(html).toContain('<p id="lead">Lead paragraph.</p>');
  });

  it('still sanitizes a part with raw HTML in it', () => {
    const { html } = compileMarkdown(
      'Text with <b onmouseover="x()">bold</b> and <script>alert(1)</script> **more**.\n',
    );
    expect(html).toContain('<b>bold</b>');
    expect(html).not.toMatch(/onmouseover|<script|alert/);
  });

  it('finds the same ids for links to check, and none in text that only looks like one', () => {
    const markdown = [
      '# Page',
      '',
      '## Setup { #setup-step }',
      '',
      'Write id="not-an-id" in text, or a note[^1].',
      '',
      '[Jump](#setup-step){ #jump .md-button }',
      '',
      '=== "One"',
      '    First',
      '=== "Two"',
      '    Second',
      '',
      '[^1]: The note.',
    ].join('\n');
    const idsOf = (sanitize: 'raw-html' | 'everything') =>
      [
        ...compilePage({
          pagePath: 'page.md',
          displayPath: 'docs/page.md',
          markdown,
          files: { isPage: () => true, isFile: () => false },
          services: { shortcodes, math: new MathTypesetter(), dialect: PYTHON_MARKDOWN_DIALECT },
          report: emptyReport(),
          sanitize,
        }).ids,
      ].sort();
    expect(idsOf('raw-html')).toEqual(['__tabbed_1_1', '__tabbed_1_2', 'fn:1', 'fnref:1', 'jump', 'setup-step']);
    expect(idsOf('raw-html')).toEqual(idsOf('everything'));
  });
});
