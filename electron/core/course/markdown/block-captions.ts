import type { RendererExtension, Token, Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { escapeText } from '../markup-escape.js';
import { renderAttrs, type AttrList } from './attr-list.js';
import { onlyImage } from './figures.js';
import type { GenericBlock } from './generic-blocks.js';
import { containerBlocks, type BlockLexer } from './indented-block.js';

/**
 * pymdownx.blocks.caption: a `/// caption` block right after a block (an image, a table, a code
 * block, anything) wraps that block in a <figure> whose <figcaption> holds the caption:
 *
 *   ![Loss curve](loss.png)          | Fruit | Amount |
 *                                    | ----- | ------ |
 *   /// figure-caption               | Apple | 20     |
 *   Training loss per epoch          /// table-caption | <
 *   ///                              Fruit count
 *                                    ///
 *
 * `figure-caption` and `table-caption` number their figures on each page ("Figure 1.",
 * "Table 1.") and give them ids (`__figure-caption_1`) to link to; plain `caption` does neither.
 * After the name: `<` puts the caption above the block (`>` below, the default), a number sets
 * the figure's number when it is not below the last one, `#id` gives the figure an id of its own;
 * `attrs: {class: …, id: …}` among the options does the same. A caption after another caption
 * wraps the figure again. Figures nested inside figures are numbered on, not as 1.1 (pymdownx's
 * nested numbering is not followed).
 */

/** The caption types pymdownx defines by default, with the prefix each numbered type gets. */
export const CAPTION_PREFIXES: ReadonlyMap<string, string | undefined> = new Map([
  ['caption', undefined],
  ['figure-caption', 'Figure'],
  ['table-caption', 'Table'],
]);

/** The caption block itself: where its content was written. It renders nothing where it stands. */
export interface CaptionToken extends Tokens.Generic {
  type: 'caption';
  tokens: Token[];
}

/** The block a caption follows, taken into its figure. */
export interface CaptionedToken extends Tokens.Generic {
  type: 'captioned';
  /** The captioned block (none when the caption follows nothing it can wrap). */
  tokens: Token[];
  caption: CaptionToken;
  above: boolean;
  attrs: AttrList;
  prefix?: string;
}

/** Numbers the figures of one caption type on a page; a number asked for is used if not below the last. */
export type FigureNumbering = (type: string, asked: number | undefined) => number;

const ARGUMENT = /^(?:([<>])\s*)?(?:(\^)?([1-9]\d*)(?:\.[1-9]\d*)*(?=\s|$)\s*)?(?:#([\w-]+)\s*)?$/;

/** `attrs: {class: wide, id: loss}` as an attribute list; unreadable options are ignored, as pymdownx ignores unknown ones. */
function attrsOption(value: string | undefined): AttrList {
  const list: AttrList = { classes: [], attrs: {} };
  if (!value) return list;
  let parsed: unknown;
  try {
    parsed = parseYaml(value);
  } catch {
    return list;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return list;
  for (const [key, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const text = String(raw);
    if (key === 'id') list.id = text;
    else if (key === 'class') list.classes.push(...text.split(/\s+/).filter(Boolean));
    else list.attrs[key] = text;
  }
  return list;
}

/**
 * The caption `block` as tokens: the block before it in `tokens` (blank lines and earlier
 * captions passed over) is replaced by its figure, and the caption token is returned to stand
 * where it was written. Undefined when the header's argument is not one pymdownx accepts.
 */
export function captionTokens(
  lexer: BlockLexer,
  block: GenericBlock,
  tokens: Token[],
  raw: string,
  numbering: FigureNumbering,
): CaptionToken | undefined {
  const argument = ARGUMENT.exec((block.title ?? '').trim());
  if (!argument) return undefined;
  const [, side, relative, number, id] = argument;
  const caption: CaptionToken = { type: 'caption', raw, tokens: containerBlocks(lexer, block.body) };
  const attrs = attrsOption(block.options.get('attrs'));
  if (id) attrs.id = id;
  const label = CAPTION_PREFIXES.get(block.name);
  let at = tokens.length - 1;
  while (at >= 0 && (tokens[at]!.type === 'space' || tokens[at]!.type === 'caption')) at--;
  // A heading is not wrapped: an H2 starts a section of its own.
  const target = at >= 0 && tokens[at]!.type !== 'heading' ? tokens[at]! : undefined;
  const figure: CaptionedToken = {
    type: 'captioned',
    raw: target?.raw ?? '',
    tokens: target ? [target] : [],
    caption,
    above: side === '<',
    attrs,
  };
  if (label) {
    const figureNumber = numbering(block.name, relative ? undefined : number ? Number(number) : undefined);
    figure.prefix = `${label} ${figureNumber}.`;
    attrs.id ??= `__${block.name}_${figureNumber}`;
  }
  if (target) tokens[at] = figure;
  else tokens.push(figure);
  return caption;
}

/** How captions and their figures render; the generic blocks' tokenizer makes their tokens. */
export const captionRenderers: RendererExtension[] = [
  // A caption's content is rendered in its figure.
  { name: 'caption', renderer: () => '' },
  {
    name: 'captioned',
    renderer(generic) {
      const figure = generic as CaptionedToken;
      let caption = this.parser.parse(figure.caption.tokens);
      if (figure.prefix) {
        const prefix = `<span class="caption-prefix">${escapeText(figure.prefix)}</span>`;
        caption = caption.startsWith('<p>') ? `<p>${prefix} ${caption.slice(3)}` : `<p>${prefix}</p>\n${caption}`;
      }
      const figcaption = `<figcaption>\n${caption}</figcaption>\n`;
      // A picture is the figure's own content, as a paragraph holding only a picture is a figure anyway.
      const target = figure.tokens[0];
      const image = target?.type === 'paragraph' ? onlyImage(target as Tokens.Paragraph) : undefined;
      const body = image
        ? `${this.parser.parseInline((target as Tokens.Paragraph).tokens)}\n`
        : this.parser.parse(figure.tokens);
      const attrs = renderAttrs(figure.attrs, { tag: 'figure', classes: image ? image.classes : [] });
      return `<figure${attrs}>\n${figure.above ? figcaption + body : body + figcaption}</figure>\n`;
    },
  },
];
