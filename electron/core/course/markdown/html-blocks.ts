import type { RendererExtension, Token, Tokens } from 'marked';
import { escapeText } from '../markup-escape.js';
import { renderAttrs, type AttrList } from './attr-list.js';
import type { GenericBlock } from './generic-blocks.js';
import { containerBlocks, type BlockLexer } from './indented-block.js';

/**
 * pymdownx.blocks.html: `/// html | div.note#setup[title="Setup"]` wraps its content in the
 * element the selector names, with its classes, id and attributes. The content is read as blocks
 * inside block elements and as text inside the others; the `markdown` option (`block`, `inline`,
 * `raw`) says otherwise. Only elements a course page may hold are made, and their attributes pass
 * the sanitizer's allowlist; any other element leaves the block as text, with a warning.
 */

/** Elements whose content is blocks; the rest of the elements a block may make hold text. */
const BLOCK_ELEMENTS = new Set([
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'figure',
  'figcaption',
  'blockquote',
]);
const TEXT_ELEMENTS = new Set(['p', 'span', 'small', 'strong', 'em', 'mark', 'cite', 'abbr']);

export const isHtmlBlockElement = (tag: string) => BLOCK_ELEMENTS.has(tag) || TEXT_ELEMENTS.has(tag);

export interface HtmlBlockToken extends Tokens.Generic {
  type: 'htmlBlock';
  tag: string;
  attrs: AttrList;
  /** Blocks, or inline tokens when `inline`; none for raw content. */
  tokens: Token[];
  inline: boolean;
  rawText?: string;
}

const TAG = /^[A-Za-z][\w-]*/y;
const PART = /\.([\w-]+)|#([\w-]+)|\[\s*([\w-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([\w-]+)))?\s*\]/y;

/** The element a selector names, with its attributes; undefined when it is not a selector. */
export function parseSelector(selector: string): { tag: string; attrs: AttrList } | undefined {
  TAG.lastIndex = 0;
  const tag = TAG.exec(selector)?.[0].toLowerCase();
  if (!tag) return undefined;
  const attrs: AttrList = { classes: [], attrs: {} };
  let at = TAG.lastIndex;
  while (at < selector.length) {
    PART.lastIndex = at;
    const part = PART.exec(selector);
    if (!part) return undefined;
    at = PART.lastIndex;
    const [, className, id, name, dq, sq, bare] = part;
    if (className) attrs.classes.push(className);
    else if (id) attrs.id = id;
    else {
      const key = name!.toLowerCase();
      const value = dq ?? sq ?? bare ?? key;
      if (key === 'class') attrs.classes.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'id') attrs.id = value;
      else attrs.attrs[key] = value;
    }
  }
  return { tag, attrs };
}

/** The html block's token, or undefined when its selector is missing, unreadable or names an element Carrel does not make. */
export function htmlBlockToken(lexer: BlockLexer, block: GenericBlock, raw: string): HtmlBlockToken | undefined {
  const selected = parseSelector((block.title ?? '').trim());
  if (!selected || !isHtmlBlockElement(selected.tag)) return undefined;
  const mode = block.options.get('markdown') ?? 'auto';
  const inline = mode === 'inline' || (mode !== 'block' && TEXT_ELEMENTS.has(selected.tag));
  const base = { type: 'htmlBlock' as const, raw, ...selected, inline };
  if (mode === 'raw') return { ...base, tokens: [], rawText: block.body };
  const text = block.body.trim();
  return { ...base, tokens: inline ? lexer.inline(text) : containerBlocks(lexer, block.body) };
}

export const htmlBlockRenderer: RendererExtension = {
  name: 'htmlBlock',
  renderer(generic) {
    const element = generic as HtmlBlockToken;
    const attrs = renderAttrs(element.attrs, { tag: element.tag });
    const content =
      element.rawText !== undefined
        ? escapeText(element.rawText)
        : element.inline
          ? this.parser.parseInline(element.tokens)
          : `\n${this.parser.parse(element.tokens)}`;
    return `<${element.tag}${attrs}>${content}</${element.tag}>\n`;
  },
};
