import type { Token, Tokens } from 'marked';
import { containerBlocks, leadingSpaces, takeIndentedBody } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * Admonitions (`!!! type "Title"`) and collapsible details (`??? type`, `???+ type` open), with
 * the markup MkDocs Material styles:
 *   <div class="admonition note"><p class="admonition-title">Note</p>…</div>
 *   <details class="note" open><summary>Note</summary>…</details>
 * Material's types are note, abstract, info, tip, success, question, warning, failure, danger,
 * bug, example and quote, with their aliases (summary, tldr, todo, hint, important, check, done,
 * help, faq, caution, attention, fail, missing, error, cite). The type is kept as written, as a
 * class; extra words (`!!! note inline end`) become more classes.
 */
export interface AdmonitionToken extends Tokens.Generic {
  type: 'admonition';
  collapsible: boolean;
  open: boolean;
  classes: string[];
  /** Undefined when the title was given as `""`. */
  titleTokens: Token[] | undefined;
  tokens: Token[];
}

const OPENER = /^(!!!|\?\?\?\+?)[ \t]*([\w-]+(?:[ \t]+[\w-]+)*)?(?:[ \t]+"([^"\n]*)"|[ \t]*"([^"\n]*)")?[ \t]*(?:\n|$)/;

/** The title an admonition of a type gets when none is written: `warning` -> `Warning`. */
export const titleOfType = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();

export const admonitionExtension: SyntaxExtension = {
  name: 'admonition',
  level: 'block',
  tokenizer(src) {
    const indent = leadingSpaces(src);
    if (src[indent] !== '!' && src[indent] !== '?') return undefined;
    const match = OPENER.exec(indent ? src.slice(indent) : src);
    if (!match) return undefined;
    const [openerLine, marker, typeWords, spacedTitle, bareTitle] = match;
    const openerEnd = indent + openerLine!.length;
    const collapsible = marker!.startsWith('?');
    const title = spacedTitle ?? bareTitle;
    // An admonition needs a type; details may have a title alone.
    if (!typeWords && (!collapsible || title === undefined)) return undefined;
    const classes = typeWords ? typeWords.split(/[ \t]+/) : [];
    const { end, body } = takeIndentedBody(src, openerEnd, indent);
    const shownTitle = title ?? titleOfType(classes[0] ?? '');
    const token: AdmonitionToken = {
      type: 'admonition',
      raw: src.slice(0, Math.max(end, openerEnd)),
      collapsible,
      open: marker === '???+',
      classes,
      titleTokens: shownTitle ? this.lexer.inline(shownTitle) : undefined,
      tokens: containerBlocks(this.lexer, body),
    };
    return token;
  },
  renderer(generic) {
    const token = generic as AdmonitionToken;
    const body = this.parser.parse(token.tokens);
    const title = token.titleTokens ? this.parser.parseInline(token.titleTokens) : '';
    if (token.collapsible) {
      const classAttr = token.classes.length ? ` class="${token.classes.join(' ')}"` : '';
      return `<details${classAttr}${token.open ? ' open' : ''}>\n<summary>${title}</summary>\n${body}</details>\n`;
    }
    const heading = token.titleTokens ? `<p class="admonition-title">${title}</p>\n` : '';
    return `<div class="${['admonition', ...token.classes].join(' ')}">\n${heading}${body}</div>\n`;
  },
};
