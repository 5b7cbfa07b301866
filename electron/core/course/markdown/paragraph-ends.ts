import { Tokenizer, type Tokens, type TokenizerThis } from 'marked';
import { blockOpeningIn } from './generic-blocks.js';
import { HASH_HEADING_LINE } from './hash-headings.js';

type ParagraphTokenizer = Pick<TokenizerThis, 'lexer'> & Pick<Tokenizer, 'rules' | 'options'>;

/**
 * Python-Markdown ends a paragraph at lines marked reads as more of it: a `#Heading` line (no
 * space after the hashes, unless pymdownx.saneheaders is on: `hashHeadings` tells) and the opening
 * line of a pymdownx block (`/// caption`). The paragraph marked reads is cut there, and the rest
 * of the source is read next, as the heading or block it is.
 */
export function paragraphEnds(hashHeadings: () => boolean) {
  return function paragraph(this: ParagraphTokenizer, src: string): Tokens.Paragraph | undefined {
    const read = Tokenizer.prototype.paragraph.call(this as unknown as Tokenizer, src);
    if (!read) return read;
    const heading = hashHeadings() ? (HASH_HEADING_LINE.exec(read.raw)?.index ?? -1) : -1;
    const block = blockOpeningIn(read.raw, src);
    const cut = heading === -1 ? block : block === -1 ? heading : Math.min(heading, block);
    if (cut === -1) return read;
    const text = read.raw.slice(0, cut);
    return { type: 'paragraph', raw: read.raw.slice(0, cut + 1), text, tokens: this.lexer.inline(text) };
  };
}
