import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder, compileMarkdown, diagnosticsOf, fixture, fixtureCopy, pageOf, tempDir } from './support.js';

describe('errors and warnings, each with its file and line', () => {
  const course = compileFolder(fixture('broken'));

  it('reports missing images, broken links and anchors, and nav problems as errors', () => {
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/index.md:5 The image imgs/gone.png was not found.',
      'docs/index.md:7 The link nowhere.md points to nowhere.md, which does not exist.',
      'docs/index.md:7 The link other.md#no-such-heading points to #no-such-heading, which is not on other.md.',
      'mkdocs.yml:4 The nav names missing.md, which does not exist in the docs folder.',
      'mkdocs.yml:5 The nav names index.md twice; a page can appear only once.',
    ]);
  });

  it('reports syntax left as text and unknown icons as warnings', () => {
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/index.md:9 The attribute list { .orphan } is not attached to anything and shows as text.',
      'docs/index.md:11 "!!!" does not start an admonition, details or tab here and shows as text (check the type, the quotes around the title and the indentation).',
      'docs/index.md:13 Unknown icon :material-no-such-icon-anywhere:; it shows as text.',
    ]);
  });

  it('names the line of a problem deep inside a paragraph, a list, emphasis or a table', () => {
    const { report } = compileMarkdown(
      [
        '# Lines', //                                 1
        '',
        'A paragraph that runs on', //                3
        'for a line, then *stresses', //               4
        'a [gone](gone-1.md) link*.', //               5
        '',
        '- An item', //                                7
        '  with a **second line and', //               8
        '  [another](gone-2.md)** on its third.', //   9
        '',
        '| A | B |', //                                11
        '|---|---|',
        '| x | ![pic](gone.png) |', //                 13
      ].join('\n'),
    );
    expect(report.diagnostics.map((d) => [d.line, d.message.split(' ').slice(0, 3).join(' ')])).toEqual([
      [5, 'The link gone-1.md'],
      [9, 'The link gone-2.md'],
      [13, 'The image gone.png'],
    ]);
  });

  it('still compiles what it can: the page once, broken things visible as text', () => {
    expect(course.manifest.nav.map((n) => n.title)).toEqual(['Home', 'Other']);
    const html = pageOf(course, 'index.md').sections[0]!.html;
    expect(html).toContain('<span class="carrel-missing-image" title="imgs/gone.png">Gone</span>');
    expect(html).toContain('<span class="carrel-broken-link">nowhere</span>');
    expect(html).toContain(':material-no-such-icon-anywhere:');
    expect(html).toContain('{ .orphan }');
  });

  it('lists what check shows: images and links with their targets', () => {
    expect(course.report.images).toEqual([
      { file: 'docs/index.md', line: 5, src: 'imgs/gone.png', target: 'imgs/gone.png', found: false },
    ]);
    expect(course.report.links.map((l) => [l.line, l.kind, l.target, l.anchor])).toEqual([
      [7, 'page', 'other.md', 'no-such-heading'],
      [7, 'unresolved', 'nowhere.md', undefined],
      [5, 'page', 'index.md', 'problems'],
    ]);
  });
});

describe('pages that cannot be compiled', () => {
  function withPage(name: string, bytes: Buffer | string) {
    const dir = fixtureCopy('broken');
    writeFileSync(path.join(dir, 'mkdocs.yml'), `site_name: Bad pages\nnav:\n  - Home: other.md\n  - Bad: ${name}\n`);
    writeFileSync(path.join(dir, 'docs', 'other.md'), '# Other\n\nFine.\n');
    writeFileSync(path.join(dir, 'docs', name), bytes);
    return compileFolder(dir);
  }

  it('refuses a page that is not UTF-8, naming the line', () => {
    const course = withPage('latin.md', Buffer.from('# Menu\n\nToday:\nCaf\xe9 au lait\n', 'latin1'));
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/latin.md:4 docs/latin.md is not UTF-8 text (line 4); save it as UTF-8.',
    ]);
    expect(course.manifest.nav.map((n) => n.title)).toEqual(['Home']);
  });

  it('refuses a binary file named .md', () => {
    const course = withPage(
      'image.md',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/image.md:- docs/image.md is a binary file, not Markdown text.',
    ]);
  });

  it('refuses a 20 MB page with a clear message', () => {
    const course = withPage('huge.md', `# Huge\n\n${'word '.repeat(4 * 1024 * 1024)}`);
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/huge.md:- docs/huge.md is 20.0 MB; pages over 5.0 MB are not compiled. Split it into smaller pages.',
    ]);
  });
});

describe('pages the nav leaves out', () => {
  it('adds the pages that pages link to at the end of the course, as MkDocs still builds them, and says so', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'docs', 'extra'), { recursive: true });
    writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Hidden pages\nnav:\n  - Home: index.md\n');
    writeFileSync(path.join(dir, 'docs', 'index.md'), '# Home\n\nTry it, then see the [solutions](extra/solutions.md#part-1).\n');
    writeFileSync(path.join(dir, 'docs', 'extra', 'solutions.md'), '# Solutions\n\n## Part 1\n\nSee also the [hints](hints.md).\n');
    writeFileSync(path.join(dir, 'docs', 'extra', 'hints.md'), '# Hints\n\nStart small.\n');
    writeFileSync(path.join(dir, 'docs', 'draft.md'), '# Draft\n\nNobody links here.\n');
    const course = compileFolder(dir);
    expect(course.manifest.nav.map((n) => (n.kind === 'page' ? n.path : n.title))).toEqual([
      'index.md',
      'extra/solutions.md',
      'extra/hints.md',
    ]);
    expect(pageOf(course, 'index.md').sections[0]!.html).toContain('href="carrel:page/extra/solutions.md#part-1"');
    expect(diagnosticsOf(course, 'error')).toEqual([]);
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/extra/hints.md:- docs/extra/hints.md is not in the nav, but docs/extra/solutions.md links to it (line 5); it is added at the end of the course.',
      'docs/extra/solutions.md:- docs/extra/solutions.md is not in the nav, but docs/index.md links to it (line 3); it is added at the end of the course.',
    ]);
  });
});
