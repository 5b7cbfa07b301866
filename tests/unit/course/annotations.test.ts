import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_MARKDOWN_DIALECT } from '../../../electron/core/course/markdown/dialect.js';
import { compileFolder, compileMarkdown, fixtureCopy, pageOf, query } from './support.js';

const lines = (...text: string[]) => text.join('\n');
const markers = (html: string) =>
  query(html)
    .all('a', 'annotation')
    .map((a) => a.attribs.href);

describe("Material's annotations", () => {
  const page = lines(
    'Tokens are counted (1) before the model sees them (2).',
    '{ .annotate }',
    '',
    '1.  Words, parts of words and **punctuation**.',
    '2.  As numbers.',
    '',
    '!!! note annotate "Why (1)"',
    '',
    '    Context windows are limited (2).',
    '',
    '1.  A note on the title.',
    '2.  A note on the text.',
    '',
    '``` { .python .annotate }',
    'model.fit(data)  # (1)!',
    'model.save()  # keeps the weights (2)',
    'label = "(1)"',
    '```',
    '',
    '1.  One pass over the data.',
    '2.  To a file.',
    '',
    'A paragraph without the class keeps its (1) as written.',
    '',
    '1. An ordinary list.',
  );
  const { html, texts, report } = compileMarkdown(page);
  const q = query(html);

  it('turns the markers of annotated blocks into links to their notes, numbered per block', () => {
    expect(markers(html)).toEqual([
      '#annotation-1-1',
      '#annotation-1-2',
      '#annotation-2-1',
      '#annotation-2-2',
      '#annotation-3-1',
      '#annotation-3-2',
    ]);
    const notes = q.all('ol', 'annotation-list');
    expect(
      notes.map((list) =>
        list.children.filter((c) => 'name' in c).map((li) => (li as { attribs: Record<string, string> }).attribs.id),
      ),
    ).toEqual([
      ['annotation-1-1', 'annotation-1-2'],
      ['annotation-2-1', 'annotation-2-2'],
      ['annotation-3-1', 'annotation-3-2'],
    ]);
    // The markers carry no text, so the words around them stay as written for search and highlights.
    expect(texts.join(' ')).toContain('Tokens are counted before the model sees them .');
    expect(report.diagnostics).toEqual([]);
  });

  it('reads markers in code comments only, and (1)! leaves the marker where the comment was', () => {
    const code = q.one('code', 'language-python');
    expect(q.text(code)).toBe('model.fit(data)  \nmodel.save()  # keeps the weights \nlabel = "(1)"');
  });

  it('leaves (1) in code spans and links as written', () => {
    const { html } = compileMarkdown(
      lines('Run `step (1)` and read [part (1)](https://example.org) (1).', '{ .annotate }', '', '1.  The note.'),
    );
    expect(markers(html)).toEqual(['#annotation-1-1']);
    expect(query(html).text(query(html).one('code'))).toBe('step (1)');
    expect(query(html).all('a').filter((a) => a.attribs.class !== 'annotation').map(query(html).text)).toEqual(['part (1)']);
  });

  it('leaves blocks without the class, and their lists, as they are', () => {
    expect(q.all('p').map(q.text)).toContain('A paragraph without the class keeps its (1) as written.');
    expect(q.all('ol').filter((ol) => !ol.attribs.class)).toHaveLength(1);
  });

  it('annotates every code block when the theme lists content.code.annotate', () => {
    const code = lines('```yaml', 'theme: material  # (1)', '```', '', '1.  The theme Carrel reads like.');
    expect(markers(compileMarkdown(code).html)).toEqual([]);
    const everywhere = { ...PYTHON_MARKDOWN_DIALECT, codeAnnotations: true };
    expect(markers(compileMarkdown(code, undefined, everywhere).html)).toEqual(['#annotation-1-1']);

    const project = fixtureCopy('material-tour');
    const config = path.join(project, 'mkdocs.yml');
    writeFileSync(config, 'site_name: Tour\ntheme:\n  name: material\n  features:\n    - content.code.annotate\n');
    writeFileSync(path.join(project, 'docs', 'index.md'), `# Tour\n\n${code}\n`);
    const tour = compileFolder(project);
    expect(markers(pageOf(tour, 'index.md').sections[0]!.html)).toEqual(['#annotation-1-1']);
  });

  it('lets a link reach a note by its id', () => {
    const project = fixtureCopy('material-tour');
    writeFileSync(
      path.join(project, 'docs', 'index.md'),
      lines('# Tour', '', 'See [the note](#annotation-1-1) on (1).', '{ .annotate }', '', '1.  The note.', ''),
    );
    const errors = compileFolder(project).report.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });
});
