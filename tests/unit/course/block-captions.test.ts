import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { compileFolder, compileMarkdown, query, tempDir } from './support.js';

const lines = (...text: string[]) => text.join('\n');
const children = (el: Element) => el.children.filter((c): c is Element => 'name' in c).map((c) => c.name);

describe('pymdownx.blocks.caption', () => {
  const page = lines(
    '![Loss curve](loss.png)',
    '',
    '/// figure-caption',
    'Training loss per *epoch*',
    '///',
    '',
    '| Fruit | Amount |',
    '| ----- | ------ |',
    '| Apple | 20     |',
    '',
    '/// table-caption | <',
    'Fruit count',
    '///',
    '',
    '![Accuracy](accuracy.png)',
    '/// figure-caption | #accuracy',
    'Accuracy, written right under its picture',
    '///',
    '',
    '```python',
    'print("hello")',
    '```',
    '',
    '/// caption',
    '    attrs: {class: listing, id: hello}',
    'The first program',
    '///',
    '',
    '/// caption',
    'A caption around the captioned listing',
    '///',
  );
  const isFile = (file: string) => file.endsWith('.png');
  const { html, report, texts } = compileMarkdown(page, isFile);
  const q = query(html);
  const figures = q.all('figure');

  it('wraps the block before each caption in a figure, the caption below it or, with <, above', () => {
    expect(figures.map(children)).toEqual([
      ['img', 'figcaption'],
      ['figcaption', 'table'],
      ['img', 'figcaption'],
      ['figure', 'figcaption'],
      ['div', 'figcaption'],
    ]);
    expect(q.all('figcaption').map((f) => q.text(f).replace(/\s+/g, ' '))).toEqual([
      'Figure 1. Training loss per epoch',
      'Table 1. Fruit count',
      'Figure 2. Accuracy, written right under its picture',
      'The first program',
      'A caption around the captioned listing',
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it('numbers figures and tables apart, gives them ids to link to, and takes ids and classes it is given', () => {
    expect(figures.map((f) => f.attribs.id)).toEqual([
      '__figure-caption_1',
      '__table-caption_1',
      'accuracy',
      undefined,
      'hello',
    ]);
    expect(figures[4]!.attribs.class).toBe('listing');
    // A picture keeps the figure look it has without a caption.
    expect(figures[0]!.attribs.class).toBe('figure');
    expect(q.all('span', 'caption-prefix').map(q.text)).toEqual(['Figure 1.', 'Table 1.', 'Figure 2.']);
    expect(texts.join(' ')).toContain('Figure 1. Training loss per epoch');
  });

  it('takes a figure number the author gives when it is not below the next one', () => {
    const numbered = compileMarkdown(
      lines(
        '![A](a.png)',
        '/// figure-caption | 4',
        'Four',
        '///',
        '',
        '![B](b.png)',
        '/// figure-caption | 2',
        'Two?',
        '///',
      ),
      isFile,
    );
    expect(query(numbered.html).all('span', 'caption-prefix').map(query(numbered.html).text)).toEqual([
      'Figure 4.',
      'Figure 5.',
    ]);
  });

  it('lets links reach a numbered figure by its id, as they reach it on the site', () => {
    const project = tempDir();
    mkdirSync(path.join(project, 'docs'));
    writeFileSync(path.join(project, 'mkdocs.yml'), 'site_name: Figures\n');
    writeFileSync(path.join(project, 'docs', 'chart.png'), 'not really a picture');
    writeFileSync(
      path.join(project, 'docs', 'index.md'),
      lines(
        'See [the chart](#__figure-caption_1), not [this one](#__figure-caption_2).',
        '',
        '![Chart](chart.png)',
        '/// figure-caption',
        'Chart',
        '///',
        '',
      ),
    );
    const course = compileFolder(project);
    expect(course.report.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('#__figure-caption_2')]);
  });

  it('leaves a caption with an argument pymdownx does not take as text, and says so', () => {
    const { html: text, report: stray } = compileMarkdown(
      lines('![A](a.png)', '', '/// caption | left', 'Caption', '///'),
      isFile,
    );
    expect(query(text).all('figcaption')).toEqual([]);
    expect(stray.diagnostics.map((d) => [d.line, d.message.split(' does not')[0]])).toEqual([[3, '"/// caption"']]);
  });
});

describe('pymdownx.blocks.html', () => {
  it('wraps content in the element its selector names, with the classes, id and attributes given', () => {
    const { html, report } = compileMarkdown(
      lines(
        '/// html | div.result.wide#out[title="The result"]',
        'Some **content**.',
        '',
        'More.',
        '///',
        '',
        '/// html | span',
        'A line of *text*.',
        '///',
      ),
    );
    const q = query(html);
    const div = q.one('div', 'result');
    expect([div.attribs.class, div.attribs.id, div.attribs.title]).toEqual(['result wide', 'out', 'The result']);
    expect(children(div)).toEqual(['p', 'p']);
    expect(DomUtils.getInnerHTML(q.one('span'))).toBe('A line of <em>text</em>.');
    expect(report.diagnostics).toEqual([]);
  });

  it('makes no element a course page may not hold, and passes no attribute the sanitizer refuses', () => {
    const { html, report } = compileMarkdown(
      lines(
        '/// html | script',
        'alert(1)',
        '///',
        '',
        '/// html | div[onclick="alert(1)"][style="color: red"]',
        'Safe.',
        '///',
      ),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onclick');
    expect(query(html).all('div').length).toBe(1);
    expect(report.diagnostics.map((d) => [d.line, d.message.split(' does not')[0]])).toEqual([[1, '"/// html"']]);
  });
});

describe('a pymdownx block right after a paragraph line', () => {
  it('ends the paragraph, as pymdownx reads it', () => {
    const { html } = compileMarkdown(lines('Check this first:', '/// warning | Careful', 'Hot surface.', '///'));
    const q = query(html);
    expect(q.all('p').map(q.text)).toEqual(['Check this first:', 'Careful', 'Hot surface.']);
    expect(q.one('div', 'admonition').attribs.class).toBe('admonition warning');
  });

  it('but a line of slashes that opens no known block stays in the paragraph', () => {
    const { html } = compileMarkdown(lines('A path like', '/// usr / local', 'stays text.'));
    expect(query(html).all('p')).toHaveLength(1);
  });
});

describe('pymdownx.blocks.definition', () => {
  it('makes a definition list: paragraphs are terms, list items their definitions', () => {
    const { html, texts, report } = compileMarkdown(
      lines(
        '/// define',
        'Epoch',
        '',
        '- One pass over the whole training set.',
        '',
        'Batch',
        '',
        '- A slice of the training set.',
        '- What one step of training sees, with **its** gradient.',
        '///',
      ),
    );
    const q = query(html);
    expect(children(q.one('dl'))).toEqual(['dt', 'dd', 'dt', 'dd', 'dd']);
    expect(q.all('dt').map(q.text)).toEqual(['Epoch', 'Batch']);
    expect(q.all('dd').map(q.text)).toEqual([
      'One pass over the whole training set.',
      'A slice of the training set.',
      'What one step of training sees, with its gradient.',
    ]);
    // Terms and definitions stay apart as words of the search text.
    expect(texts[0]).toContain(
      'Epoch One pass over the whole training set. Batch A slice of the training set. What one step of training sees, with its gradient.',
    );
    expect(report.diagnostics).toEqual([]);
  });
});
