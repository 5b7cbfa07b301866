import { decodeHTMLStrict } from 'entities/decode';
import type { Tokens } from 'marked';

/**
 * Plain inline text: the run of characters up to where another inline syntax could start.
 *
 * marked finds that end with one regular expression that, at every character, tries each way
 * text can end, an e-mail address ahead included, which makes it the costliest rule of reading a
 * page. This stops at exactly the same places (the tests compare the two on generated text) but
 * searches for them: one expression finds the next character that can start something (`\ < ! [
 * ` * ~ _`, `http` and `ftp://` in any case, `www.`, the spaces of a hard line break, `mailto:`
 * and `xmpp:`), and e-mail addresses are looked for only when the text has an `@`.
 *
 * The text has character references decoded (`&nbsp;`, `&copy;`, `&#169;`), as Python-Markdown
 * and CommonMark decode them; the renderer escapes it again.
 */

const BACKTICK = 0x60;
const TILDE = 0x7e;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const AT = 0x40;

/** Characters of an e-mail address's local part, as GFM's autolink extension reads them. */
const EMAIL = new Uint8Array(128);
for (const character of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?_`{|}~-")
  EMAIL[character.charCodeAt(0)] = 1;
const isEmailCharacter = (code: number) => code < 128 && EMAIL[code] === 1;
const isAsciiAlphanumeric = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** Whether the run of e-mail characters starting at `from` has at least one and ends at an `@`. */
function emailRunReachesAt(src: string, from: number): boolean {
  let i = from;
  while (i < src.length && isEmailCharacter(src.charCodeAt(i))) i++;
  return i > from && src.charCodeAt(i) === AT;
}

/** Two or more spaces, then a newline: a hard line break. */
function hardBreakAt(src: string, at: number): boolean {
  let i = at;
  while (src.charCodeAt(i) === SPACE) i++;
  return i - at >= 2 && src.charCodeAt(i) === NEWLINE;
}

const schemeAt = (src: string, at: number) => src.startsWith('mailto:', at) || src.startsWith('xmpp:', at);

/** Where text might end; www. only at the start of a word, mailto: and xmpp: are checked below. */
const SYNTAX_START = /[\\<![`*~_]|[hH][tT][tT][pP]|[fF][tT][pP]:\/\/|(?<![^\s*_~(])www\.| {2,}\n|(?:mailto|xmpp):/g;

/**
 * Where text stops for an e-mail address: at the start of a run of e-mail characters that reaches
 * an `@` and follows a character outside the run at or after `from`; Infinity when none does.
 */
function emailStop(src: string, from: number): number {
  for (let at = src.indexOf('@', from); at !== -1; at = src.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isEmailCharacter(src.charCodeAt(start - 1))) start--;
    if (start < at && start > from) return start;
  }
  return Infinity;
}

/** The length of the plain text at the start of `src` (at least one character when src is not empty). */
export function plainTextLength(src: string): number {
  const length = src.length;
  if (length === 0) return 0;
  const first = src.charCodeAt(0);
  if (!isAsciiAlphanumeric(first) && schemeAt(src, 1)) return 1;
  let from = 1;
  if (first === BACKTICK || first === TILDE) while (from < length && src.charCodeAt(from) === first) from++;
  if (from === length) return length;
  const next = src.charCodeAt(from);
  if (next === BACKTICK || next === TILDE || hardBreakAt(src, from) || emailRunReachesAt(src, from)) return from;

  let stop = length;
  SYNTAX_START.lastIndex = from;
  for (let found = SYNTAX_START.exec(src); found; found = SYNTAX_START.exec(src)) {
    const at = found.index;
    const code = src.charCodeAt(at);
    // mailto: and xmpp: need a character before them, not a letter or digit, that text may take.
    if ((code === 0x6d || code === 0x78) && !(at - 1 >= from && !isAsciiAlphanumeric(src.charCodeAt(at - 1)))) {
      SYNTAX_START.lastIndex = at + 1;
      continue;
    }
    stop = at;
    break;
  }
  return src.includes('@', from) ? Math.min(stop, emailStop(src, from)) : stop;
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
