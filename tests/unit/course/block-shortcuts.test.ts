import { Lexer, Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { lheading, table } from '../../../electron/core/course/markdown/block-shortcuts.js';

/** marked's own GFM rules: a shortcut may say "no" only where these do not match. */
const markedTable = Lexer.rules.block.gfm.table;
const markedSetextHeading = Lexer.rules.block.gfm.lheading;

/** Lines that start, end or nearly make tables and setext headings, and ordinary blocks. */
const LINES = [
  'Some words',
  'Tea',
  '',
  ' ',
  '\t',
  '| a | b |',
  'a | b',
  '|---|---|',
  '| :-- | --: |',
  ':---',
  '---',
  ' ---',
  '   ---  ',
  '    ---',
  '- - -',
  '-',
  '===',
  '  ==  ',
  '=',
  '= =',
  '- item',
  '1. item',
  '# Heading',
  '> quote',
  '```',
  '~~~',
  '    code',
  '<div>',
  '|',
  '| x',
  '*',
  '***',
  '___',
  '\u00a0',
];

function* randomSources(count: number, seed = 11): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let n = 0; n < count; n++) {
    const lines = 1 + Math.floor(next() * 6);
    const picked: string[] = [];
    for (let i = 0; i < lines; i++) picked.push(LINES[Math.floor(next() * LINES.length)]!);
    yield picked.join('\n') + (next() < 0.5 ? '\n' : '');
  }
}

describe('block rule shortcuts', () => {
  it('skip a table or setext heading only where marked’s rule cannot match, on 30,000 generated blocks', () => {
    const wronglySkipped: string[] = [];
    let tables = 0;
    let headings = 0;
    for (const src of randomSources(30_000)) {
      const isTable = markedTable.test(src);
      const isHeading = markedSetextHeading.test(src);
      tables += Number(isTable);
      headings += Number(isHeading);
      if (isTable && table(src) === undefined) wronglySkipped.push(`table: ${JSON.stringify(src)}`);
      if (isHeading && lheading(src) === undefined) wronglySkipped.push(`heading: ${JSON.stringify(src)}`);
    }
    expect(wronglySkipped.slice(0, 10)).toEqual([]);
    // The generated blocks hold plenty of both, so the comparison means something.
    expect(tables).toBeGreaterThan(500);
    expect(headings).toBeGreaterThan(500);
  });

  it('give the same tokens as marked alone on whole generated documents', () => {
    const plain = new Marked({ gfm: true });
    const shortcut = new Marked({ gfm: true });
    shortcut.use({ tokenizer: { table, lheading } });
    const documents = [...randomSources(3_000, 5)].map((a, i, all) => `${a}\n\n${all[(i + 1) % all.length]}`);
    for (const document of documents) expect(shortcut.lexer(document), document).toEqual(plain.lexer(document));
  });

  it('still read real tables and setext headings', () => {
    const shortcut = new Marked({ gfm: true });
    shortcut.use({ tokenizer: { table, lheading } });
    const html = shortcut.parse('Title\n=====\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nSub\n---\n', { async: false });
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h2>Sub</h2>');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain('<td align="right">2</td>');
  });
});
