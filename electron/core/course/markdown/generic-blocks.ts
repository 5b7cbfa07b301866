import type { Token } from 'marked';
import { titleOfType, type AdmonitionToken } from './admonitions.js';
import type { TabSetToken, TabToken } from './content-tabs.js';
import { containerBlocks } from './indented-block.js';
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
 * same markup, as `!!!`, `???` and `===`.
 */

const HEADER = /^(\/{3,})[ \t]*([\w-]+)[ \t]*(?:\|[ \t]*([^\n]*?))?[ \t]*(?:\n|$)/;
const OPTION = /^ {4}([\w-]+)[ \t]*:[ \t]*([^\n]*?)[ \t]*(?:\n|$)/;
const ADMONITION_TYPES = new Set(['note', 'attention', 'caution', 'danger', 'error', 'tip', 'hint', 'warning']);

interface Block {
  name: string;
  title: string | undefined;
  options: Map<string, string>;
  body: string;
  /** Characters of the source the block takes, its closing line included. */
  length: number;
}

const yes = (value: string | undefined) => value !== undefined && /^(?:true|yes|on)$/i.test(value);

/** The block opening at the start of `src`, or undefined when there is none or it never closes. */
function readBlock(src: string): Block | undefined {
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

export const genericBlocksExtension: SyntaxExtension = {
  name: 'genericBlock',
  level: 'block',
  tokenizer(src) {
    if (!src.startsWith('///')) return undefined;
    const first = readBlock(src);
    if (!first) return undefined;
    const { name, title, options } = first;
    if (name === 'tab') {
      const tabs: TabToken[] = [];
      let consumed = 0;
      for (let block: Block | undefined = first; block && block.name === 'tab'; ) {
        if (tabs.length > 0 && yes(block.options.get('new'))) break;
        tabs.push({
          titleTokens: this.lexer.inline(block.title ?? ''),
          selected: yes(block.options.get('select')),
          tokens: containerBlocks(this.lexer, block.body),
        });
        consumed += block.length;
        const blank = /^(?:[ \t]*\n)*/.exec(src.slice(consumed))![0].length;
        block = readBlock(src.slice(consumed + blank));
        if (block?.name === 'tab') consumed += blank;
      }
      return { type: 'tabSet', raw: src.slice(0, consumed), tabs } satisfies TabSetToken;
    }
    const collapsible = name === 'details';
    if (!collapsible && name !== 'admonition' && !ADMONITION_TYPES.has(name)) return undefined;
    const type = options.get('type') ?? (ADMONITION_TYPES.has(name) ? name : undefined);
    const shownTitle = title ?? (type ? titleOfType(type) : collapsible ? 'Details' : undefined);
    const tokens: Token[] = containerBlocks(this.lexer, first.body);
    return {
      type: 'admonition',
      raw: src.slice(0, first.length),
      collapsible,
      open: collapsible && yes(options.get('open')),
      classes: type ? [type] : [],
      titleTokens: shownTitle ? this.lexer.inline(shownTitle) : undefined,
      tokens,
    } satisfies AdmonitionToken;
  },
};
