import { describe, expect, it } from 'vitest';
import { dialectOf, PYTHON_MARKDOWN_DIALECT } from '../../../electron/core/course/markdown/dialect.js';
import { unicodeSlugsOf } from '../../../electron/core/course/mkdocs/config.js';
import { unicodeSlug } from '../../../electron/core/course/slug.js';
import { compileFolder, compileMarkdown, fixture, pageOf, query } from './support.js';

const withSmartSymbols = { ...PYTHON_MARKDOWN_DIALECT, smartSymbols: true };
const withSaneHeaders = { ...PYTHON_MARKDOWN_DIALECT, saneHeaders: true };

describe('what mkdocs.yml switches on', () => {
  it('reads the dialect from the project’s markdown_extensions', () => {
    expect(dialectOf(['admonition', 'pymdownx.smartsymbols'])).toEqual({
      saneHeaders: false,
      smartSymbols: true,
      newlineBreaks: false,
      smarty: false,
    });
    expect(dialectOf(['pymdownx.saneheaders', 'nl2br', 'smarty'])).toEqual({
      saneHeaders: true,
      smartSymbols: false,
      newlineBreaks: true,
      smarty: true,
    });
    const course = compileFolder(fixture('dialect'));
    expect(pageOf(course, 'plain.md').sections.map((s) => s.title)).toEqual([
      'Quiz',
      'Second',
      'Überblick und Ziele',
      'Notes in one block',
    ]);
  });

  it('keeps letters beyond ASCII in heading ids when toc uses pymdownx.slugs, and links to them resolve', () => {
    const course = compileFolder(fixture('dialect'));
    expect(pageOf(course, 'plain.md').sections.map((s) => s.id)).toContain('plain.md#überblick-und-ziele');
    const overview = pageOf(course, 'plain.md').sections.find((s) => s.title === 'Überblick und Ziele')!;
    expect(overview.toc.map((t) => t.id)).toEqual(['日本語の見出し']);
    expect(course.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lower = { case: 'lower', normalize: 'NFC', percentEncode: false } as const;
    expect(unicodeSlug('Überblick: Ein  Kurs — 日本語 (v2)', lower)).toBe('überblick-ein--kurs--日本語-v2');
    expect(unicodeSlug('Straße', { ...lower, case: 'fold' })).toBe('strasse');
    expect(unicodeSlug('Äpfel', { ...lower, case: 'lower-ascii' })).toBe('Äpfel');
    expect(unicodeSlug('Äpfel', { ...lower, percentEncode: true })).toBe('%C3%A4pfel');
    expect(unicodeSlugsOf('  - toc:\n      slugify: !!python/name:pymdownx.slugs.gfm\n')).toEqual({
      unicodeSlugs: { case: 'lower-ascii', normalize: 'NFC', percentEncode: false },
    });
    expect(unicodeSlugsOf('  - toc:\n      permalink: true\n')).toEqual({});
  });

  it('reads #Heading without a space as a heading, as Python-Markdown does, and more than six hashes as level 6', () => {
    const { html, page } = compileMarkdown('# Page\n\n#First\n\nText.\n\n##Second part##\n\n#######Deep\n');
    const headings = query(html);
    expect(headings.all('h1').map(headings.text)).toEqual(['Page', 'First']);
    expect(headings.all('h2').map(headings.text)).toEqual(['Second part']);
    expect(headings.all('h6').map(headings.text)).toEqual(['#Deep']);
    expect(page.sections.map((s) => s.id)).toEqual(['page.md', 'page.md#second-part']);
  });

  it('ends a paragraph at a #Heading line, as Python-Markdown does', () => {
    const page = query(compileMarkdown('A paragraph line\n#Heading inside\nand the text after it.').html);
    expect(page.all('p').map(page.text)).toEqual(['A paragraph line', 'and the text after it.']);
    // The first H1 titles the page, and stays where it is written.
    expect(page.all('h1').map(page.text)).toEqual(['Heading inside']);
    const sane = query(compileMarkdown('A paragraph line\n#Not a heading', undefined, withSaneHeaders).html);
    expect(sane.all('p').map(sane.text)).toEqual(['A paragraph line\n#Not a heading']);
  });

  it('leaves #Heading as text with pymdownx.saneheaders, and headings with a space as they are', () => {
    const { html } = compileMarkdown('#NotAHeading\n\n## A heading\n', undefined, withSaneHeaders);
    const page = query(html);
    expect(page.all('p').map(page.text)).toEqual(['#NotAHeading']);
    expect(page.all('h2').map(page.text)).toEqual(['A heading']);
  });

  it('turns typed stand-ins into symbols with pymdownx.smartsymbols, in text only', () => {
    const markdown = [
      'Notes (c) 2026; 1/2 cup --> bowl; the 2nd try +/- 3.',
      '',
      'Code `(c) 1/2 -->` and a [link (c)](https://example.com/a--b(c)) stay right.',
      '',
      '```',
      '(c) --> 1st',
      '```',
    ].join('\n');
    const { html, texts } = compileMarkdown(markdown, undefined, withSmartSymbols);
    const page = query(html);
    expect(page.all('p').map(page.text)).toEqual([
      'Notes © 2026; ½ cup → bowl; the 2nd try ± 3.',
      'Code (c) 1/2 --> and a link © stay right.',
    ]);
    expect(html).toContain('2<sup>nd</sup>');
    expect(page.one('a').attribs.href).toBe('https://example.com/a--b(c)');
    expect(page.text(page.all('pre')[0]!)).toBe('(c) --> 1st');
    expect(texts[0]).toContain('Notes © 2026; ½ cup → bowl');
  });

  it('keeps every line break of a paragraph with nl2br, and joins the lines without it', () => {
    const poem = 'Roses are red,\n*violets* are blue,\nand `code`\nstays as it is.';
    const broken = query(compileMarkdown(poem, undefined, { ...PYTHON_MARKDOWN_DIALECT, newlineBreaks: true }).html);
    expect(broken.all('br')).toHaveLength(3);
    expect(broken.one('code').children).toHaveLength(1);
    const joined = query(compileMarkdown(poem).html);
    expect(joined.all('br')).toHaveLength(0);
  });

  it('makes dashes, ellipses and curly quotes with smarty, in text only', () => {
    const markdown = `"Don't stop," she said -- it's the '80s --- and then... \`"code" -- here\``;
    const page = query(compileMarkdown(markdown, undefined, { ...PYTHON_MARKDOWN_DIALECT, smarty: true }).html);
    expect(page.text(page.one('p'))).toBe('“Don’t stop,” she said – it’s the ’80s — and then… "code" -- here');
    const plain = query(compileMarkdown(markdown).html);
    expect(plain.text(plain.one('p'))).toBe(`"Don't stop," she said -- it's the '80s --- and then... "code" -- here`);
  });

  it('keeps typed stand-ins as written when the project does not switch smartsymbols on', () => {
    const { html } = compileMarkdown('Answer (a), (b) or (c) --> 1/2.');
    const page = query(html);
    expect(page.all('p').map(page.text)).toEqual(['Answer (a), (b) or (c) --> 1/2.']);
  });
});
