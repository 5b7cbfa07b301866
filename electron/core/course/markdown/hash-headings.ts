import type { Tokens, TokenizerThis } from 'marked';
import { leadingSpaces } from './indented-block.js';

type WithLexer = Pick<TokenizerThis, 'lexer'>;

const HASH = 0x23;
/** Up to three spaces (as marked allows before a heading), a run of `#`, the rest of the line. */
const HASH_LINE = /^ {0,3}(#+)([^\n]*)(?:\n+|$)/;

/**
 * Python-Markdown reads a line that starts with `#` as a heading even with no space after the
 * hashes (`#Setup`, `##Step 2`), where CommonMark, and so marked, wants the space; and it reads
 * more than six hashes as a level-6 heading whose text starts with the extra ones. The text is
 * the rest of the line, less any closing `#`s. Projects with pymdownx.saneheaders want the space,
 * as marked does; `enabled` tells which a page's project is. Every heading marked reads itself is
 * left to it (`false`), and where no `#` starts the line there is no heading to ask it about.
 */
export function hashHeadingWithoutSpace(enabled: () => boolean) {
  return function heading(this: WithLexer, src: string): Tokens.Heading | false | undefined {
    // No heading of any kind starts here: marked's rule need not be asked either.
    if (src.charCodeAt(leadingSpaces(src)) !== HASH) return undefined;
    if (!enabled()) return false;
    const found = HASH_LINE.exec(src);
    if (!found) return false;
    const hashes = found[1]!.length;
    const rest = found[2]!;
    if (hashes <= 6 && (rest === '' || /^\s/.test(rest))) return false;
    const text = ('#'.repeat(Math.max(0, hashes - 6)) + rest).replace(/#+$/, '').trim();
    return { type: 'heading', raw: found[0], depth: Math.min(hashes, 6), text, tokens: this.lexer.inline(text) };
  };
}

/** A later line of a paragraph that Python-Markdown reads as a heading: `#` not followed by a space. */
export const HASH_HEADING_LINE = /\n {0,3}#+[^\s#]|\n {0,3}#{7,}/;
