import type { Token } from 'marked';

/**
 * Python-Markdown's block extensions (admonitions, details, tabs, footnotes, definitions) own the
 * lines after their opening line that are blank or indented by four spaces or a tab.
 */
export interface IndentedBody {
  /** Characters of the source the block consumes, from `from`; trailing blank lines are left out. */
  end: number;
  /** The block's lines with one level of indentation removed. */
  body: string;
}

const INDENT = /^(?: {1,4}|\t)/;
const BODY_LINE = /^(?: {4}|\t)/;

/**
 * The spaces (up to three) before a block's opening line. Inside a list item, marked has taken
 * off only as much indentation as the item's marker is wide, where Python-Markdown takes off four:
 * a block indented by four under `1. ` arrives with one space left, and its body with five.
 */
export function leadingSpaces(src: string): number {
  let spaces = 0;
  while (spaces < 3 && src.charCodeAt(spaces) === 0x20) spaces++;
  return spaces;
}

/** The block's body: the lines after `from` indented one level deeper than `baseIndent` spaces. */
export function takeIndentedBody(src: string, from: number, baseIndent = 0): IndentedBody {
  const base = ' '.repeat(baseIndent);
  let pos = from;
  let end = from;
  const lines: string[] = [];
  let pendingBlank = 0;
  while (pos < src.length) {
    const newline = src.indexOf('\n', pos);
    const lineEnd = newline === -1 ? src.length : newline;
    const line = src.slice(pos, lineEnd);
    const next = newline === -1 ? src.length : newline + 1;
    if (!line.trim()) {
      pendingBlank++;
      pos = next;
      continue;
    }
    if (!line.startsWith(base) || !BODY_LINE.test(line.slice(baseIndent))) break;
    for (; pendingBlank > 0; pendingBlank--) lines.push('');
    lines.push(line.slice(baseIndent).replace(INDENT, ''));
    pos = next;
    end = next;
  }
  return { end, body: lines.join('\n') };
}

/** Removes the common indentation of a block's lines, for content written inside raw HTML. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = widths.length ? Math.min(...widths) : 0;
  return common ? lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join('\n') : text;
}

/** What a block syntax's tokenizer uses of marked's lexer to read the blocks and text it holds. */
export interface BlockLexer {
  state: { top: boolean };
  blockTokens(src: string): Token[];
  inline(src: string): Token[];
}

/**
 * The blocks of a container's body (an admonition's, a tab's) read as a page's own blocks are:
 * inside a list item marked reads them as a tight item's bare text, where Python-Markdown gives
 * an admonition's paragraphs their `<p>` wherever it stands.
 */
export function containerBlocks(lexer: BlockLexer, body: string): Token[] {
  const top = lexer.state.top;
  lexer.state.top = true;
  try {
    return lexer.blockTokens(body);
  } finally {
    lexer.state.top = top;
  }
}
