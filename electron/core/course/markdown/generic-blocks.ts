import { titleOfType, type AdmonitionToken } from './admonitions.js';
import { CAPTION_PREFIXES, captionTokens, type FigureNumbering } from './block-captions.js';
import { defineBlockToken } from './define-blocks.js';
import { htmlBlockToken } from './html-blocks.js';
import type { TabSetToken, TabToken } from './content-tabs.js';
import { containerBlocks, type BlockLexer } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * pymdownx.blocks' fenced form of admonitions, collapsible blocks and content tabs. The content is
 * not indented; options follow the header, indented:
 *
 *   /// admonition | Title          /// details | Summary          /// tab | Linux
 *       type: warning                   open: true                 Content.
 *                                       type: tip                  ///
 *   Content.                        Content.                       /// tab | Windows
 *   ///                             ///                            ///
 *
 * `/// note | Title` (and attention, caution, danger, error, tip, hint, warning) is an admonition
 * of that type. A block closes at a line of as many slashes as opened it, so an outer block uses
 * more (`////`) than the blocks inside it. Consecutive tabs form one set; `new: true` starts
 * another, `select: true` chooses the tab shown first. They compile to the same tokens, and so the
 * same markup, as `!!!`, `???` and `===`. Captions (block-captions.ts), html blocks
 * (html-blocks.ts) and definition lists (define-blocks.ts) are read here too.
 *
 * As in pymdownx, a block's opening line ends the paragraph above it: no blank line is needed.
 */

const HEADER = /^(\/{3,})[ \t]*([\w-]+)[ \t]*(?:\|[ \t]*([^\n]*?))?[ \t]*(?:\n|$)/;
const OPTION = /^ {4}([\w-]+)[ \t]*:[ \t]*([^\n]*?)[ \t]*(?:\n|$)/;
const ADMONITION_TYPES = new Set(['note', 'attention', 'caution', 'danger', 'error', 'tip', 'hint', 'warning']);

export interface GenericBlock {
  name: string;
  title: string | undefined;
  options: Map<string, string>;
  body: string;
  /** Characters of the source the block takes, its closing line included. */
  length: number;
}

const yes = (value: string | undefined) => value !== undefined && /^(?:true|yes|on)$/i.test(value);

/** The block opening at the start of `src`, or undefined when there is none or it never closes. */
function readBlock(src: string): GenericBlock | undefined {
  const header = HEADER.exec(src);
  if (!header) return undefined;
  const fence = header[1]!;
  let at = header[0].length;
  const options = new Map<string, string>();
  for (let option = OPTION.exec(src.slice(at)); option; option = OPTION.exec(src.slice(at))) {
    options.set(option[1]!.toLowerCase(), option[2]!.replace(/^(['"])(.*)\1$/, '$2'));
    at += option[0].length;
  }
  const closing = new RegExp(`^${fence}[ \\t]*$`, 'm');
  const rest = src.slice(at);
  const close = closing.exec(rest);
  if (!close) return undefined;
  const end = at + close.index + close[0].length;
  return {
    name: header[2]!.toLowerCase(),
    title: header[3] || undefined,
    options,
    body: rest.slice(0, close.index),
    length: src.charAt(end) === '\n' ? end + 1 : end,
  };
}

/** The names of the blocks Carrel reads; any other `/// name` is text. */
const KNOWN_BLOCKS = new Set([
  'admonition',
  'details',
  'tab',
  'html',
  'define',
  ...ADMONITION_TYPES,
  ...CAPTION_PREFIXES.keys(),
]);

/** A line that opens a block Carrel reads, which ends the paragraph it would otherwise continue. */
const OPENING_LINE = /\n\/{3,}[ \t]*([\w-]+)/g;

/**
 * Where a block opens inside the paragraph marked read from `src` (`raw`, the start of `src`):
 * the index of the newline before the block's opening line, or -1.
 */
export function blockOpeningIn(raw: string, src: string): number {
  if (!raw.includes('\n///')) return -1;
  OPENING_LINE.lastIndex = 0;
  for (let found = OPENING_LINE.exec(raw); found; found = OPENING_LINE.exec(raw))
    if (KNOWN_BLOCKS.has(found[1]!.toLowerCase()) && readBlock(src.slice(found.index + 1))) return found.index;
  return -1;
}

export function genericBlocksExtension(numbering: FigureNumbering): SyntaxExtension {
  return {
    name: 'genericBlock',
    level: 'block',
    tokenizer(src, tokens) {
      if (!src.startsWith('///')) return undefined;
      const first = readBlock(src);
      if (!first) return undefined;
      const { name, title, options } = first;
      const raw = src.slice(0, first.length);
      if (CAPTION_PREFIXES.has(name)) return captionTokens(this.lexer, first, tokens, raw, numbering);
      if (name === 'html') return htmlBlockToken(this.lexer, first, raw);
      if (name === 'define') return defineBlockToken(this.lexer, first, raw);
      if (name === 'tab') return tabSet(this.lexer, src, first);
      const collapsible = name === 'details';
      if (!collapsible && name !== 'admonition' && !ADMONITION_TYPES.has(name)) return undefined;
      const type = options.get('type') ?? (ADMONITION_TYPES.has(name) ? name : undefined);
      const shownTitle = title ?? (type ? titleOfType(type) : collapsible ? 'Details' : undefined);
      return {
        type: 'admonition',
        raw,
        collapsible,
        open: collapsible && yes(options.get('open')),
        classes: type ? [type] : [],
        titleTokens: shownTitle ? this.lexer.inline(shownTitle) : undefined,
        tokens: containerBlocks(this.lexer, first.body),
      } satisfies AdmonitionToken;
    },
  };
}

/** Consecutive `/// tab` blocks, from `first`, as one tab set; `new: true` starts another. */
function tabSet(lexer: BlockLexer, src: string, first: GenericBlock): TabSetToken {
  const tabs: TabToken[] = [];
  let consumed = 0;
  for (let block: GenericBlock | undefined = first; block && block.name === 'tab';) {
    if (tabs.length > 0 && yes(block.options.get('new'))) break;
    tabs.push({
      titleTokens: lexer.inline(block.title ?? ''),
      selected: yes(block.options.get('select')),
      tokens: containerBlocks(lexer, block.body),
    });
    consumed += block.length;
    const blank = /^(?:[ \t]*\n)*/.exec(src.slice(consumed))![0].length;
    block = readBlock(src.slice(consumed + blank));
    if (block?.name === 'tab') consumed += blank;
  }
  return { type: 'tabSet', raw: src.slice(0, consumed), tabs };
}
