import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { plainTextLength } from '../../../electron/core/course/markdown/inline-text.js';

/** marked's own rule for plain GFM text: the compiler's scanner must stop exactly where it does. */
const markedText = Lexer.rules.inline.gfm.text;
const markedLength = (src: string) => markedText.exec(src)?.[0].length ?? 0;

/** Pieces that start, end or nearly start the syntaxes plain text stops for, and plain words. */
const PIECES = [
  'word',
  'Tea',
  ' ',
  '  ',
  '\n',
  '  \n',
  '   \n',
  'x ',
  '.',
  ',',
  '(',
  ')',
  '*',
  '_',
  'a_b',
  '~',
  '~~',
  '`',
  '``',
  '\\',
  '<',
  '!',
  '[',
  ']',
  'http',
  'HTTPS://x.org',
  'htt',
  'ftp://',
  'FTP:/',
  'www.',
  'wwww.',
  'ww.',
  '@',
  'me@x.io',
  'a.b+c@d',
  'mailto:',
  'xmpp:',
  'mailto',
  ':',
  '-',
  '#',
  '&amp;',
  'é',
  '€',
  '\u00a0',
  '"',
  "'",
  '{',
  '}',
  '|',
  '/',
];

/** A seeded generator, so a failure names an input that can be run again. */
function* randomTexts(count: number, seed = 7): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let n = 0; n < count; n++) {
    const parts = 1 + Math.floor(next() * 12);
    let text = '';
    for (let i = 0; i < parts; i++) text += PIECES[Math.floor(next() * PIECES.length)];
    yield text;
  }
}

describe('plain inline text', () => {
  it('stops where marked’s GFM text rule stops, on 20,000 generated lines', () => {
    const disagreements: string[] = [];
    for (const text of randomTexts(20_000)) {
      if (plainTextLength(text) !== markedLength(text)) disagreements.push(JSON.stringify(text));
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it('stops where marked does on hand-picked edges', () => {
    for (const text of [
      'see http://x.org',
      'write to me@example.org today',
      'a mailto:me@x.org',
      'line end  \nnext',
      'visit www.example.org or xwww.example.org',
      '``not code',
      '~~~ tildes',
      'snake_case and _em_',
      'ends with a space ',
    ])
      expect(plainTextLength(text), text).toBe(markedLength(text));
  });
});
