import type { Token, Tokens } from 'marked';
import { takeIndentedBody } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * Footnotes as Python-Markdown writes them: a reference `[^label]` becomes
 *   <sup id="fnref:label"><a class="footnote-ref" href="#fn:label">1</a></sup>
 * numbered in order of first reference, and the notes are listed once, at the end of the page:
 *   <div class="footnote"><hr><ol><li id="fn:label">…<a class="footnote-backref" href="#fnref:label">↩</a></li></ol></div>
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
  private readonly definitions = new Map<string, Token[]>();
  private readonly numbers = new Map<string, number>();
  private readonly referenced = new Map<string, number>();

  define(label: string, tokens: Token[]): void {
    if (!this.definitions.has(label)) this.definitions.set(label, tokens);
  }

  has(label: string): boolean {
    return this.definitions.has(label);
  }

  /** The note's number, given on its first reference; later references get ids fnref2:…, fnref3:…. */
  reference(label: string): { number: number; refId: string } {
    let number = this.numbers.get(label);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(label, number);
    }
    const count = (this.referenced.get(label) ?? 0) + 1;
    this.referenced.set(label, count);
    return { number, refId: count === 1 ? `fnref:${attr(label)}` : `fnref${count}:${attr(label)}` };
  }

  /** The list of notes that were referenced, or '' when there were none. */
  renderList(renderBlock: (tokens: Token[]) => string): string {
    if (!this.numbers.size) return '';
    const items: string[] = [];
    // Rendering a note may reference further notes, which join the end of the list.
    for (let index = 0; index < this.numbers.size; index++) {
      const [label, number] = [...this.numbers][index]!;
      const backref = `<a class="footnote-backref" href="#fnref:${attr(label)}" title="Jump back to footnote ${number} in the text">\u21a9</a>`;
      let body = renderBlock(this.definitions.get(label) ?? []);
      body = body.endsWith('</p>\n') ? `${body.slice(0, -5)}\u00a0${backref}</p>\n` : `${body}<p>${backref}</p>\n`;
      items.push(`<li id="fn:${attr(label)}">\n${body}</li>\n`);
    }
    return `<div class="footnote">\n<hr />\n<ol>\n${items.join('')}</ol>\n</div>\n`;
  }
}

const DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*/;
const attr = (label: string) =>
  label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
        return `<sup id="${refId}"><a class="footnote-ref" href="#fn:${attr(token.label)}">${number}</a></sup>`;
      },
    },
  ];
}
