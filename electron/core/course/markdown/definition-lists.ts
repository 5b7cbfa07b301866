import type { Token, Tokens } from 'marked';
import { takeIndentedBody } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * Definition lists (def_list):
 *   Term
 *   :   Definition, continued by lines indented four spaces
 * Consecutive terms and definitions form one <dl>. A definition that is a single paragraph is
 * written without <p>, as Python-Markdown does for tight lists.
 */
export interface DefinitionListToken extends Tokens.Generic {
  type: 'definitionList';
  items: DefinitionItemToken[];
}

interface DefinitionItemToken extends Tokens.Generic {
  type: 'definitionTerm' | 'definitionBody';
  tokens: Token[];
}

const DEFINITION_START = /^:[ \t]+/;
/** Lines that start another kind of block cannot be terms. */
const NOT_A_TERM = /^(?:#|[-*+][ \t]|\d+[.)][ \t]|>|```|~~~|\||<|:|!!!|\?\?\?|===|[ \t])/;
const MAX_TERM_LINES = 4;

function lineAt(src: string, pos: number): { line: string; next: number } {
  const newline = src.indexOf('\n', pos);
  return newline === -1
    ? { line: src.slice(pos), next: src.length }
    : { line: src.slice(pos, newline), next: newline + 1 };
}

/**
 * Whether a `:` line follows within the first lines, where a definition would have to start; this
 * is tried at every block, so most blocks are ruled out here without reading their lines.
 */
function definitionFollows(src: string): boolean {
  let newline = src.indexOf('\n');
  for (let line = 0; line < MAX_TERM_LINES && newline !== -1; line++) {
    if (src.charCodeAt(newline + 1) === 0x3a) return true;
    newline = src.indexOf('\n', newline + 1);
  }
  return false;
}

export const definitionListExtension: SyntaxExtension = {
  name: 'definitionList',
  level: 'block',
  tokenizer(src) {
    if (!definitionFollows(src)) return undefined;
    const items: DefinitionItemToken[] = [];
    let pos = 0;
    let consumed = 0;
    for (;;) {
      const terms: string[] = [];
      let cursor = pos;
      while (terms.length < MAX_TERM_LINES && cursor < src.length) {
        const { line, next } = lineAt(src, cursor);
        if (!line.trim() || NOT_A_TERM.test(line)) break;
        terms.push(line.trim());
        cursor = next;
      }
      if (!terms.length || !DEFINITION_START.test(src.slice(cursor, cursor + 8))) break;
      const group: DefinitionItemToken[] = terms.map((term) => ({
        type: 'definitionTerm',
        raw: term,
        tokens: this.lexer.inline(term),
      }));
      while (DEFINITION_START.test(src.slice(cursor, cursor + 8))) {
        const { line, next } = lineAt(src, cursor);
        const { end, body } = takeIndentedBody(src, next);
        const text = `${line.replace(DEFINITION_START, '')}\n${body}`;
        group.push({
          type: 'definitionBody',
          raw: src.slice(cursor, Math.max(end, next)),
          tokens: this.lexer.blockTokens(text),
        });
        cursor = Math.max(end, next);
        const blank = /^(?:[ \t]*\n)*/.exec(src.slice(cursor))![0].length;
        if (DEFINITION_START.test(src.slice(cursor + blank, cursor + blank + 8))) cursor += blank;
      }
      items.push(...group);
      consumed = cursor;
      pos = cursor + /^(?:[ \t]*\n)*/.exec(src.slice(cursor))![0].length;
    }
    if (!items.length) return undefined;
    return { type: 'definitionList', raw: src.slice(0, consumed), items } satisfies DefinitionListToken;
  },
  renderer(generic) {
    const { items } = generic as DefinitionListToken;
    const html = items.map((item) => {
      if (item.type === 'definitionTerm') return `<dt>${this.parser.parseInline(item.tokens)}</dt>\n`;
      const blocks = item.tokens.filter((t) => t.type !== 'space');
      const only = blocks.length === 1 ? blocks[0] : undefined;
      if (only?.type === 'paragraph') return `<dd>${this.parser.parseInline((only as Tokens.Paragraph).tokens)}</dd>\n`;
      return `<dd>\n${this.parser.parse(item.tokens)}</dd>\n`;
    });
    return `<dl>\n${html.join('')}</dl>\n`;
  },
};
