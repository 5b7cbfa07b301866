import type { Token, Tokens } from 'marked';
import { escapeText } from '../markup-escape.js';
import { containerBlocks } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * pymdownx.critic: CriticMarkup's editorial marks, as a reviewer writes them into a page:
 *
 *   {++inserted++}   {--deleted--}   {~~old~>new~~}   {==highlighted==}   {>>comment<<}
 *
 * In the extension's `view` mode (its default) a student sees the edits: insertions, deletions
 * and highlights as <ins>, <del> and <mark> with Material's `critic` class, comments as a
 * `critic comment` span. A mark whose delimiters stand on lines of their own, with blank lines
 * around its content, wraps whole blocks (`critic block`); `{++` and `++}` with only a blank line
 * between mark a paragraph break (`critic break`). `accept` and `reject` publish the page with
 * every edit taken or refused, and no marks.
 *
 * pymdownx reads the marks before anything else, so in `view` mode they are marked up even inside
 * code. Carrel reads them as Markdown syntax: code shows them as written, and a mark that spans
 * paragraphs without standing on lines of its own (which MkDocs turns into crossed tags) stays
 * text, with a warning.
 */
export type CriticMode = 'view' | 'accept' | 'reject';

export const CRITIC_MODES: readonly CriticMode[] = ['view', 'accept', 'reject'];

type Edit = 'insert' | 'delete' | 'mark' | 'comment' | 'substitute';

/** An inline mark. A substitution's tokens are the deleted text's, then (from `split`) the inserted text's. */
interface CriticToken extends Tokens.Generic {
  type: 'critic';
  edit: Edit;
  tokens: Token[];
  split?: number;
  comment?: string;
}

/** A mark around whole blocks, or a marked paragraph break (no tokens). */
interface CriticBlockToken extends Tokens.Generic {
  type: 'criticBlock';
  edit: Exclude<Edit, 'comment'>;
  tokens: Token[];
  split?: number;
  isBreak: boolean;
}

const TAG = { insert: 'ins', delete: 'del', mark: 'mark' } as const;

const INLINE_MARKS: { edit: Edit; pattern: RegExp }[] = [
  { edit: 'insert', pattern: /^\{\+\+([\s\S]*?)\+\+\}/ },
  { edit: 'delete', pattern: /^\{--([\s\S]*?)--\}/ },
  { edit: 'mark', pattern: /^\{==([\s\S]*?)==\}/ },
  { edit: 'comment', pattern: /^\{>>([\s\S]*?)<<\}/ },
  { edit: 'substitute', pattern: /^\{~~([\s\S]*?)~>([\s\S]*?)~~\}/ },
];

/** Every mark, in the order pymdownx tries them, each edit's texts captured. */
const ANY_MARK = /\{(?:\+\+([\s\S]*?)\+\+|--([\s\S]*?)--|==([\s\S]*?)==|>>([\s\S]*?)<<|~~([\s\S]*?)~>([\s\S]*?)~~)\}/g;

const newlines = (text: string) => text.split('\n').length - 1;

/**
 * The page with every edit taken (`accept`) or refused (`reject`): comments go, highlights keep
 * their text. Lines a removed edit spanned are kept as line breaks, so what check reports about
 * the rest of the page points at the lines the author wrote.
 */
export function applyCriticDecisions(markdown: string, mode: Exclude<CriticMode, 'view'>): string {
  if (!markdown.includes('{')) return markdown;
  const accept = mode === 'accept';
  return markdown.replace(
    ANY_MARK,
    (whole, inserted?: string, deleted?: string, marked?: string, _comment?: string, from?: string, to?: string) => {
      let kept = ''; // what is left of a comment
      if (inserted !== undefined) kept = accept ? inserted : '';
      else if (deleted !== undefined) kept = accept ? '' : deleted;
      else if (marked !== undefined) kept = marked;
      else if (from !== undefined) kept = accept ? to! : from;
      return kept + '\n'.repeat(newlines(whole) - newlines(kept));
    },
  );
}

const OPENING = /^\{(\+\+|--|==|~~)[ \t]*\n/;
const CLOSING = { '++': '++}', '--': '--}', '==': '==}', '~~': '~~}' } as const;
const EDIT_OF = { '++': 'insert', '--': 'delete', '==': 'mark', '~~': 'substitute' } as const;
/** Content that begins and ends with a blank line, so its delimiters stand alone in paragraphs of their own. */
const BLOCK_SHAPED = /^[ \t]*\n[ \t]*\n[\s\S]*\n[ \t]*\n[ \t]*$/;
const ONLY_BLANK_LINES = /^(?:[ \t]*\n){2,}[ \t]*$/;
const END_OF_LINE = /^[ \t]*(?:\n|$)/;

export function criticExtensions(viewing: () => boolean): SyntaxExtension[] {
  const block: SyntaxExtension = {
    name: 'criticBlock',
    level: 'block',
    tokenizer(src) {
      if (src.charCodeAt(0) !== 0x7b /* { */ || !viewing()) return undefined;
      const opening = OPENING.exec(src);
      if (!opening) return undefined;
      const delimiter = opening[1] as keyof typeof CLOSING;
      const close = src.indexOf(CLOSING[delimiter], 3);
      if (close === -1) return undefined;
      const after = END_OF_LINE.exec(src.slice(close + 3));
      if (!after) return undefined;
      const raw = src.slice(0, close + 3 + after[0].length);
      const inner = src.slice(3, close);
      const edit = EDIT_OF[delimiter];
      if ((edit === 'insert' || edit === 'delete') && ONLY_BLANK_LINES.test(inner))
        return { type: 'criticBlock', raw, edit, tokens: [], isBreak: true } satisfies CriticBlockToken;
      if (edit !== 'substitute') {
        if (!BLOCK_SHAPED.test(inner)) return undefined;
        return {
          type: 'criticBlock',
          raw,
          edit,
          tokens: containerBlocks(this.lexer, inner),
          isBreak: false,
        } satisfies CriticBlockToken;
      }
      const arrow = inner.indexOf('~>');
      const [from, to] = [inner.slice(0, arrow), inner.slice(arrow + 2)];
      if (arrow === -1 || !BLOCK_SHAPED.test(from) || !BLOCK_SHAPED.test(to)) return undefined;
      const deleted = containerBlocks(this.lexer, from);
      return {
        type: 'criticBlock',
        raw,
        edit,
        tokens: [...deleted, ...containerBlocks(this.lexer, to)],
        split: deleted.length,
        isBreak: false,
      } satisfies CriticBlockToken;
    },
    renderer(generic) {
      const token = generic as CriticBlockToken;
      if (token.isBreak) {
        const tag = token.edit === 'insert' ? 'ins' : 'del';
        return `<${tag} class="critic break">&nbsp;</${tag}>\n`;
      }
      const wrap = (tag: string, tokens: Token[]) =>
        `<${tag} class="critic block">\n${this.parser.parse(tokens)}</${tag}>\n`;
      if (token.edit !== 'substitute') return wrap(TAG[token.edit], token.tokens);
      return wrap('del', token.tokens.slice(0, token.split)) + wrap('ins', token.tokens.slice(token.split));
    },
  };

  const inline: SyntaxExtension = {
    name: 'critic',
    level: 'inline',
    tokenizer(src) {
      if (src.charCodeAt(0) !== 0x7b /* { */ || !viewing()) return undefined;
      for (const { edit, pattern } of INLINE_MARKS) {
        const match = pattern.exec(src);
        if (!match) continue;
        if (edit === 'comment')
          return { type: 'critic', raw: match[0], edit, tokens: [], comment: match[1]! } satisfies CriticToken;
        const first = this.lexer.inlineTokens(match[1]!);
        if (edit !== 'substitute') return { type: 'critic', raw: match[0], edit, tokens: first } satisfies CriticToken;
        return {
          type: 'critic',
          raw: match[0],
          edit,
          tokens: [...first, ...this.lexer.inlineTokens(match[2]!)],
          split: first.length,
        } satisfies CriticToken;
      }
      return undefined;
    },
    renderer(generic) {
      const token = generic as CriticToken;
      if (token.edit === 'comment')
        return `<span class="critic comment">${escapeText(token.comment!.replace(/\n/g, ' '))}</span>`;
      const wrap = (tag: string, tokens: Token[]) =>
        `<${tag} class="critic">${this.parser.parseInline(tokens)}</${tag}>`;
      if (token.edit !== 'substitute') return wrap(TAG[token.edit], token.tokens);
      return wrap('del', token.tokens.slice(0, token.split)) + wrap('ins', token.tokens.slice(token.split));
    },
  };
  return [block, inline];
}

const OPENERS = { '{++': '++}', '{--': '--}', '{==': '==}', '{>>': '<<}', '{~~': '~~}' } as const;

/**
 * The first mark in a paragraph's source that opens and does not close in the paragraph (it shows
 * as text), or undefined.
 */
export function unclosedCriticMark(raw: string): keyof typeof OPENERS | undefined {
  for (let at = raw.indexOf('{'); at !== -1; at = raw.indexOf('{', at + 1)) {
    const opener = raw.slice(at, at + 3) as keyof typeof OPENERS;
    if (!(opener in OPENERS)) continue;
    const close = raw.indexOf(OPENERS[opener], at + 3);
    if (close === -1) return opener;
    at = close;
  }
  return undefined;
}
