import { decodeHTMLStrict } from 'entities/decode';
import type { Tokens } from 'marked';
import { isSpace } from '../whitespace.js';

/**
 * Plain inline text, the run of characters up to where another inline syntax could start.
 *
 * marked finds that end with one regular expression tried at every character, with lookaheads for
 * e-mail addresses and bare URLs (GFM autolinks), which makes it the slowest part of reading a
 * page. This scanner stops at the same places, looking at each character once and at e-mail
 * syntax only when an `@` follows:
 *   - before `\ < ! [ ` * ~ _`, before `http`, `ftp://` (any case), before a `www.` that starts a word,
 *   - before the spaces of a hard line break (two or more spaces, then a newline),
 *   - before `mailto:` or `xmpp:` after a character that is not a letter or digit,
 *   - before a run of e-mail characters that reaches an `@`, after a character that cannot be in one.
 * The first character (or run of backticks or tildes) is always taken, so the lexer always moves on.
 *
 * Its text has character references decoded (`&nbsp;`, `&copy;`, `&#169;`), as Python-Markdown
 * and CommonMark decode them; the renderer escapes it again.
 */

const BACKTICK = 0x60;
const TILDE = 0x7e;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const AT = 0x40;

/** Characters before which text always stops: each can start another inline syntax. */
const STOPS = new Uint8Array(128);
for (const character of '\\<![`*~_') STOPS[character.charCodeAt(0)] = 1;

/** Characters of an e-mail address's local part, as GFM's autolink extension reads them. */
const EMAIL = new Uint8Array(128);
for (const character of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?_`{|}~-")
  EMAIL[character.charCodeAt(0)] = 1;

const isEmailCharacter = (code: number) => code < 128 && EMAIL[code] === 1;
const isAsciiAlphanumeric = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** Whether `word` (lowercase letters) is at `at`, in any case. */
function startsWithAnyCase(src: string, at: number, word: string): boolean {
  if (at + word.length > src.length) return false;
  for (let i = 0; i < word.length; i++) if ((src.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** Two or more spaces, then a newline: a hard line break. */
function hardBreakAt(src: string, at: number): boolean {
  let i = at;
  while (src.charCodeAt(i) === SPACE) i++;
  return i - at >= 2 && src.charCodeAt(i) === NEWLINE;
}

const schemeAt = (src: string, at: number) => src.startsWith('mailto:', at) || src.startsWith('xmpp:', at);

/**
 * Where the text ending before `at` would be cut by a URL, a `www.` or a stop character.
 * `www.` counts only at the start of a word (after whitespace or `*_~(`).
 */
function syntaxStartsAt(src: string, at: number): boolean {
  const code = src.charCodeAt(at);
  if (code < 128 && STOPS[code] === 1) return true;
  switch (code | 0x20) {
    case 0x68: // h
      return startsWithAnyCase(src, at, 'http');
    case 0x66: // f
      return startsWithAnyCase(src, at, 'ftp://');
    case 0x77: {
      // w
      if (!src.startsWith('www.', at)) return false;
      const before = src.charCodeAt(at - 1);
      return isSpace(before) || before === 0x2a || before === 0x5f || before === TILDE || before === 0x28;
    }
    default:
      return false;
  }
}

/** Where the run of e-mail characters starting at `from` ends. */
function emailRunEnd(src: string, from: number): number {
  let i = from;
  while (i < src.length && isEmailCharacter(src.charCodeAt(i))) i++;
  return i;
}

/** The length of the plain text at the start of `src` (at least one character when src is not empty). */
export function plainTextLength(src: string): number {
  const length = src.length;
  if (length === 0) return 0;
  const first = src.charCodeAt(0);
  if (!isAsciiAlphanumeric(first) && schemeAt(src, 1)) return 1;
  let at = 1;
  if (first === BACKTICK || first === TILDE) while (at < length && src.charCodeAt(at) === first) at++;
  if (at === length) return length;
  const next = src.charCodeAt(at);
  if (next === BACKTICK || next === TILDE || hardBreakAt(src, at)) return at;
  // E-mail addresses are looked for only up to the last `@`: most text has none.
  const lastAt = src.lastIndexOf('@');
  if (at < lastAt) {
    const end = emailRunEnd(src, at);
    if (end > at && src.charCodeAt(end) === AT) return at;
  }

  for (; at < length; at++) {
    if (syntaxStartsAt(src, at)) return at;
    const code = src.charCodeAt(at);
    if (code !== SPACE && src.charCodeAt(at + 1) === SPACE && hardBreakAt(src, at + 1)) return at + 1;
    const after = src.charCodeAt(at + 1);
    if ((after === 0x6d || after === 0x78) && !isAsciiAlphanumeric(code) && schemeAt(src, at + 1)) return at + 1;
    if (at < lastAt && !isEmailCharacter(code)) {
      const end = emailRunEnd(src, at + 1);
      if (end > at + 1 && src.charCodeAt(end) === AT) return at + 1;
    }
  }
  return length;
}

/** marked's `inlineText` tokenizer, for `engine.use({ tokenizer: { inlineText } })`. */
export function inlineText(this: { lexer: { state: { inRawBlock: boolean } } }, src: string): Tokens.Text | undefined {
  const length = plainTextLength(src);
  if (length === 0) return undefined;
  const raw = src.slice(0, length);
  const inRawBlock = this.lexer.state.inRawBlock;
  return {
    type: 'text',
    raw,
    text: inRawBlock || !raw.includes('&') ? raw : decodeHTMLStrict(raw),
    escaped: inRawBlock,
  };
}
