import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_MARKDOWN_DIALECT } from '../../../electron/core/course/markdown/dialect.js';
import { compileFolder, compileMarkdown, fixture, fixtureCopy, pageOf, query } from './support.js';

const viewing = { ...PYTHON_MARKDOWN_DIALECT, critic: 'view' } as const;
const accepting = { ...PYTHON_MARKDOWN_DIALECT, critic: 'accept' } as const;
const rejecting = { ...PYTHON_MARKDOWN_DIALECT, critic: 'reject' } as const;

/** A reviewed page; pymdownx.critic's accept and reject output for it is written out below. */
const REVIEWED = `Text with {++an insertion++} and {--a deletion--} and {~~old~>new~~}.

A {==highlight==}{>>with a comment<<} here.

{++

A whole inserted paragraph.

++}

{--

- gone item

--}

Multi {++line
insertion++} here.

!!! note
    Inside {++admonition++}.
`;

const paragraphs = (html: string) =>
  query(html)
    .all('p')
    .map((p) => query(html).text(p).replace(/\s+/g, ' '));

describe('pymdownx.critic', () => {
  it('shows each edit in view mode as Material marks it up', () => {
    const { html, report } = compileMarkdown(REVIEWED, undefined, viewing);
    const q = query(html);
    expect(q.all('ins', 'critic').map(q.text)).toEqual([
      'an insertion',
      'new',
      'A whole inserted paragraph.',
      'line\ninsertion',
      'admonition',
    ]);
    expect(q.all('del', 'critic').map(q.text)).toEqual(['a deletion', 'old', 'gone item']);
    expect(q.all('mark', 'critic').map(q.text)).toEqual(['highlight']);
    expect(q.all('span', 'comment').map(q.text)).toEqual(['with a comment']);
    // Marks around whole blocks wrap the blocks, not a paragraph of their own.
    expect(q.one('ins', 'block').children.some((c) => 'name' in c && c.name === 'p')).toBe(true);
    expect(q.one('del', 'block').children.some((c) => 'name' in c && c.name === 'ul')).toBe(true);
    expect(html).not.toContain('{++');
    expect(report.diagnostics).toEqual([]);
  });

  it('publishes the page with every edit accepted, or rejected, as pymdownx does', () => {
    expect(paragraphs(compileMarkdown(REVIEWED, undefined, accepting).html)).toEqual([
      'Text with an insertion and and new.',
      'A highlight here.',
      'A whole inserted paragraph.',
      'Multi line insertion here.',
      'Note',
      'Inside admonition.',
    ]);
    const rejected = compileMarkdown(REVIEWED, undefined, rejecting);
    expect(paragraphs(rejected.html)).toEqual([
      'Text with and a deletion and old.',
      'A highlight here.',
      'Multi here.',
      'Note',
      'Inside .',
    ]);
    expect(query(rejected.html).all('li').map(query(rejected.html).text)).toEqual(['gone item']);
    expect(rejected.html).not.toMatch(/critic|\{\+\+|\{--/);
  });

  it('keeps the lines of the rest of the page where the author wrote them when edits are applied', () => {
    const { report } = compileMarkdown('{--two\nlines--} removed.\n\n![missing](nowhere.png)\n', undefined, accepting);
    expect(report.images.map((image) => image.line)).toEqual([4]);
  });

  it('marks a paragraph break inserted or deleted between two paragraphs', () => {
    const { html } = compileMarkdown('First.\n\n{++\n\n++}\n\nSecond.\n', undefined, viewing);
    expect(html).toContain('<ins class="critic break">&nbsp;</ins>');
  });

  it('leaves marks in code as written, and does nothing without the extension', () => {
    const inCode = compileMarkdown('Use `{++x++}` here.\n\n```\n{--y--}\n```\n', undefined, viewing).html;
    expect(query(inCode).all('ins')).toEqual([]);
    expect(inCode).toContain('{++x++}');
    const off = compileMarkdown('A {>>plain<<} page.\n').html;
    expect(paragraphs(off)).toEqual(['A {>>plain<<} page.']);
  });

  it('warns when a mark does not close in its paragraph, which leaves it as text', () => {
    const { html, report } = compileMarkdown('Start {++of an edit\n\nthat ends later++} here.\n', undefined, viewing);
    expect(paragraphs(html)).toEqual(['Start {++of an edit', 'that ends later++} here.']);
    expect(report.diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      '1 The edit mark "{++" does not close in its paragraph and shows as text (a mark around whole paragraphs needs its delimiters on lines of their own, with blank lines around the content).',
    ]);
  });

  it('reads the mode from mkdocs.yml and names a mode it does not know', () => {
    const project = fixtureCopy('critic');
    const config = path.join(project, 'mkdocs.yml');
    writeFileSync(config, 'site_name: Peer Review\nmarkdown_extensions:\n  - pymdownx.critic:\n      mode: accept\n');
    expect(query(pageOf(compileFolder(project), 'index.md').sections[0]!.html).all('ins')).toEqual([]);
    writeFileSync(config, 'site_name: Peer Review\nmarkdown_extensions:\n  - pymdownx.critic:\n      mode: approve\n');
    const course = compileFolder(project);
    expect(course.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'mkdocs.yml:3 pymdownx.critic\'s mode must be view, accept or reject (it is "approve"); the edits are shown as in view.',
    ]);
    expect(query(pageOf(course, 'index.md').sections[0]!.html).all('ins', 'critic').length).toBeGreaterThan(0);
  });

  it('counts the edits in the search text once each, and keeps comments out of section titles', () => {
    const course = compileFolder(fixture('critic'));
    const opening = course.searchDocuments.find((d) => d.id === 'index.md')!;
    expect(opening.text).toContain(
      'A model learns its weights from data, not from rules and improves with fewer more examples.',
    );
    const { html, page } = compileMarkdown('## Results {>>check these<<}\n\nText.\n', undefined, viewing);
    expect(page.sections.map((s) => s.title)).toEqual(['Results']);
    expect(query(html).one('h2').attribs.id).toBe('results');
  });
});
