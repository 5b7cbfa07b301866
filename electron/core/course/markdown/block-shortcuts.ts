import type { Tokens } from 'marked';

/**
 * Quick answers for two of marked's block rules that are tried at the start of every paragraph
 * and almost never match: a GFM table and a setext heading (text underlined with `===` or `---`).
 * Their regular expressions are among the costliest marked runs, so each is first asked a
 * question its match cannot do without; when the answer is no, the rule is skipped (undefined),
 * otherwise marked's own rule decides (`false` hands over to it). The tests compare tokens with
 * and without these on generated pages.
 */

type BlockRule<T> = (src: string) => T | undefined | false;

const SPACE = 0x20;
const PIPE = 0x7c;
const COLON = 0x3a;
const DASH = 0x2d;

/**
 * A table needs a delimiter row as its second line: up to three spaces, an optional `|` and
 * spaces, an optional `:`, then a `-`.
 */
export const table: BlockRule<Tokens.Table> = (src) => {
  const newline = src.indexOf('\n');
  if (newline === -1) return undefined;
  let at = newline + 1;
  for (let spaces = 0; spaces < 3 && src.charCodeAt(at) === SPACE; spaces++) at++;
  if (src.charCodeAt(at) === PIPE) {
    at++;
    while (src.charCodeAt(at) === SPACE) at++;
  }
  if (src.charCodeAt(at) === COLON) at++;
  return src.charCodeAt(at) === DASH ? false : undefined;
};

/** An underline line: up to three spaces, then only `=` or only `-`, then spaces or tabs. */
const UNDERLINE = /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/;

/**
 * A setext heading's text cannot hold an empty line, so its underline comes before the first
 * `\n\n` of the source (its closing newline may be that pair's first).
 */
export const lheading: BlockRule<Tokens.Heading> = (src) => {
  const blank = src.indexOf('\n\n');
  const paragraph = blank === -1 ? src : src.slice(0, blank + 1);
  return UNDERLINE.test(paragraph) ? false : undefined;
};
