import type { Token, Tokens } from 'marked';
import { takeIndentedBody } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';
import { escapeAttribute } from '../markup-escape.js';

/**
 * Footnotes as Python-Markdown writes them: a reference `[^label]` becomes
 *   <sup id="fnref:label"><a class="footnote-ref" href="#fn:label">1</a></sup>
 * (later references to the same note fnref2:label, fnref3:label…), numbered in the order the
 * notes are defined, and every note defined on the page is listed once, at its end, with a link
 * back to each of its references:
 *   <div class="footnote"><hr /><ol><li id="fn:label">…<a class="footnote-backref" href="#fnref:label">↩</a></li></ol></div>
 */
export interface FootnoteRefToken extends Tokens.Generic {
  type: 'footnoteRef';
  label: string;
}

interface FootnoteDefToken extends Tokens.Generic {
  type: 'footnoteDef';
  label: string;
  /** Kept here too so passes over the page's tokens reach the note's content. */
  tokens: Token[];
}

export class Footnotes {
  /** The notes in the order they are defined, which numbers them. */
  private readonly definitions = new Map<string, Token[]>();
  private readonly referenceCounts = new Map<string, number>();

  define(label: string, tokens: Token[]): void {
    if (!this.definitions.has(label)) this.definitions.set(label, tokens);
  }

  has(label: string): boolean {
    return this.definitions.has(label);
  }

  private numberOf(label: string): number {
    return [...this.definitions.keys()].indexOf(label) + 1;
  }

  /** The note's number and the id of this reference: fnref:label, then fnref2:label, fnref3:label…. */
  reference(label: string): { number: number; refId: string } {
    const count = (this.referenceCounts.get(label) ?? 0) + 1;
    this.referenceCounts.set(label, count);
    return { number: this.numberOf(label), refId: referenceId(label, count) };
  }

  /** The list of the page's notes, or '' when it defines none. */
  renderList(renderBlock: (tokens: Token[]) => string): string {
    if (!this.definitions.size) return '';
    // Every body first: a note may refer to another, which then needs a link back to it too.
    const bodies = [...this.definitions].map(([label, tokens]) => [label, renderBlock(tokens)] as const);
    const items = bodies.map(([label, body], index) => {
      const backrefs = Array.from(
        { length: this.referenceCounts.get(label) ?? 0 },
        (_, k) =>
          `<a class="footnote-backref" href="#${referenceId(label, k + 1)}" title="Jump back to footnote ${index + 1} in the text">\u21a9</a>`,
      ).join('');
      const withBackrefs = !backrefs
        ? body
        : body.endsWith('</p>\n')
          ? `${body.slice(0, -5)}\u00a0${backrefs}</p>\n`
          : `${body}<p>${backrefs}</p>\n`;
      return `<li id="fn:${escapeAttribute(label)}">\n${withBackrefs}</li>\n`;
    });
    return `<div class="footnote">\n<hr />\n<ol>\n${items.join('')}</ol>\n</div>\n`;
  }
}

const referenceId = (label: string, count: number) =>
  count === 1 ? `fnref:${escapeAttribute(label)}` : `fnref${count}:${escapeAttribute(label)}`;

const DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*/;
const REFERENCE = /^\[\^([^\]\s]+)\]/;

/** `footnotes` gives the notes of the page being compiled. */
export function footnoteExtensions(
  footnotes: () => Footnotes,
  onUnknown: (token: FootnoteRefToken) => void,
): SyntaxExtension[] {
  return [
    {
      name: 'footnoteDef',
      level: 'block',
      tokenizer(src) {
        if (!src.startsWith('[^')) return undefined;
        const match = DEFINITION.exec(src);
        if (!match) return undefined;
        const firstEnd = src.indexOf('\n');
        const firstLine = src.slice(match[0].length, firstEnd === -1 ? src.length : firstEnd);
        const rest = firstEnd === -1 ? { end: src.length, body: '' } : takeIndentedBody(src, firstEnd + 1);
        const end = firstEnd === -1 ? src.length : Math.max(rest.end, firstEnd + 1);
        const tokens = this.lexer.blockTokens(`${firstLine}\n${rest.body}`);
        footnotes().define(match[1]!, tokens);
        return { type: 'footnoteDef', raw: src.slice(0, end), label: match[1]!, tokens } satisfies FootnoteDefToken;
      },
      renderer: () => '',
    },
    {
      name: 'footnoteRef',
      level: 'inline',
      tokenizer(src) {
        const match = REFERENCE.exec(src);
        if (!match) return undefined;
        return { type: 'footnoteRef', raw: match[0], label: match[1]! } satisfies FootnoteRefToken;
      },
      renderer(generic) {
        const token = generic as FootnoteRefToken;
        const notes = footnotes();
        if (!notes.has(token.label)) {
          onUnknown(token);
          return token.raw;
        }
        const { number, refId } = notes.reference(token.label);
        return `<sup id="${refId}"><a class="footnote-ref" href="#fn:${escapeAttribute(token.label)}">${number}</a></sup>`;
      },
    },
  ];
}
