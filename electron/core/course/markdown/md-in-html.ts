import type { Token, Tokens } from 'marked';
import { dedent } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * md_in_html: an HTML block whose opening tag has a `markdown` attribute (`<div markdown>`,
 * `<div class="grid cards" markdown>`, `<figure markdown="span">`) has Markdown inside. The
 * element is kept with its other attributes; its content is compiled like the rest of the page.
 */
export interface MarkdownHtmlToken extends Tokens.Generic {
  type: 'markdownHtml';
  tag: string;
  /** The opening tag's attributes without `markdown`, as written. */
  attributes: string;
  inline: boolean;
  tokens: Token[];
}

const OPENING = /^<([a-zA-Z][\w-]*)((?:\s+[^\s>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/;
const MARKDOWN_ATTR = /\s+markdown(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?(?=\s|$)/;
/** Elements whose content Python-Markdown treats as inline text even with markdown="1". */
const SPAN_LEVEL = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'summary',
  'span',
  'a',
  'em',
  'strong',
  'label',
  'td',
  'th',
  'dt',
  'figcaption',
  'li',
  'button',
]);

/** Index just past the close tag that matches an opening `<tag` at 0, counting nested ones. */
function findClose(src: string, tag: string, from: number): { innerEnd: number; end: number } | undefined {
  const pattern = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*>`, 'gi');
  pattern.lastIndex = from;
  let depth = 1;
  for (let match = pattern.exec(src); match; match = pattern.exec(src)) {
    if (match[1]) depth--;
    else if (!match[0].endsWith('/>')) depth++;
    if (depth === 0) return { innerEnd: match.index, end: match.index + match[0].length };
  }
  return undefined;
}

export const markdownInHtmlExtension: SyntaxExtension = {
  name: 'markdownHtml',
  level: 'block',
  tokenizer(src) {
    if (src[0] !== '<') return undefined;
    const open = OPENING.exec(src);
    if (!open) return undefined;
    const markdownAttr = MARKDOWN_ATTR.exec(open[2]!);
    if (!markdownAttr) return undefined;
    const tag = open[1]!.toLowerCase();
    const close = findClose(src, tag, open[0].length);
    if (!close) return undefined;
    const mode = markdownAttr[1] ?? markdownAttr[2] ?? markdownAttr[3] ?? '1';
    const inline = mode === 'span' || (mode !== 'block' && SPAN_LEVEL.has(tag));
    const inner = dedent(src.slice(open[0].length, close.innerEnd).replace(/^[ \t]*\n/, '')).trim();
    const lineEnd = /^[ \t]*(?:\n|$)/.exec(src.slice(close.end))![0].length;
    const token: MarkdownHtmlToken = {
      type: 'markdownHtml',
      raw: src.slice(0, close.end + lineEnd),
      tag,
      attributes: open[2]!.replace(MARKDOWN_ATTR, ''),
      inline,
      tokens: inline ? this.lexer.inline(inner) : this.lexer.blockTokens(inner),
    };
    return token;
  },
};

/** Renders the element; its attributes go through the same raw-HTML pass as any other HTML. */
export function renderMarkdownHtml(
  token: MarkdownHtmlToken,
  content: string,
  openTag: (html: string) => string,
): string {
  const open = openTag(`<${token.tag}${token.attributes}>`);
  return token.inline ? `${open}${content}</${token.tag}>\n` : `${open}\n${content}</${token.tag}>\n`;
}
