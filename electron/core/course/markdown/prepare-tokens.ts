import type { Token, Tokens } from 'marked';
import { attachAttrLists } from './attr-list.js';

/** Tokens carry the 1-based line of the page where they start, for diagnostics. */
type Located<T> = T & { line?: number };
export const lineOf = (token: object) => (token as Located<object>).line ?? 1;

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Where the search for the next child of a token resumes in the token's text. */
interface Cursor {
  raw: string;
  position: number;
  line: number;
  /** Whether the children are inline tokens, which follow one another with nothing left out. */
  inline: boolean;
}

/** Tokens whose children are inline tokens: their texts, one after the other, are the parent's. */
const INLINE_CONTAINERS = new Set([
  'paragraph',
  'heading',
  'text',
  'strong',
  'em',
  'del',
  'link',
  'inlineMark',
  'critic',
]);

/**
 * Gives a nested token the line it starts on. Inline tokens follow one another, so their lines are
 * counted. A block's text may have lost indentation (inside a list item, say), so its first line
 * is searched for in the parent's text, moving forward through the parent so each line is counted
 * once.
 */
function locate(token: Tokens.Generic, cursor: Cursor): void {
  const raw: string = token.raw ?? '';
  if (cursor.inline) {
    (token as Located<Tokens.Generic>).line = cursor.line;
    cursor.line += countLines(raw, 0, raw.length);
    return;
  }
  const firstText = raw.trimStart();
  const newline = firstText.indexOf('\n');
  const probe = (newline === -1 ? firstText : firstText.slice(0, newline)).trim();
  const at = probe ? cursor.raw.indexOf(probe, cursor.position) : -1;
  if (at !== -1) {
    cursor.line += countLines(cursor.raw, cursor.position, at);
    cursor.position = at;
  }
  (token as Located<Tokens.Generic>).line = cursor.line;
}

/** Tokens whose children are not (only) in `tokens`. */
const HOLDERS = new Set(['list', 'definitionList', 'admonition', 'tabSet', 'table']);

/**
 * Prepares a page's tokens in one pass, in document order: every token is given the line it
 * starts on, attribute lists are attached to what they qualify, inline embeds joined, and each
 * heading handed to `onHeading` (which claims its id: Python-Markdown's toc numbers repeats in
 * document order).
 */
export function prepareTokens(
  tokens: readonly Token[],
  firstLine: number,
  onHeading: (heading: Tokens.Heading) => void,
): void {
  let line = firstLine;
  for (const token of tokens) {
    (token as Located<Token>).line = line;
    line += countLines(token.raw, 0, Infinity);
  }
  prepare(tokens, undefined, onHeading);
}

/** `cursor` belongs to the nearest enclosing token. */
function prepare(
  items: readonly unknown[],
  cursor: Cursor | undefined,
  onHeading: (heading: Tokens.Heading) => void,
): void {
  for (const item of items) {
    if (Array.isArray(item)) {
      prepare(item, cursor, onHeading);
      continue;
    }
    const token = item as Tokens.Generic;
    const children: unknown = token.tokens;
    if (typeof token.type !== 'string') {
      // Table cells and content tabs hold tokens for the token around them.
      if (Array.isArray(children)) prepare(children, cursor, onHeading);
      if (Array.isArray(token.titleTokens)) prepare(token.titleTokens as unknown[], cursor, onHeading);
      continue;
    }
    if (Array.isArray(children)) {
      attachAttrLists(children as Tokens.Generic[]);
      joinInlineEmbeds(children as Tokens.Generic[]);
    }
    if (token.type === 'heading') onHeading(token as Tokens.Heading);
    if (cursor) locate(token, cursor);
    if (!Array.isArray(children) && !HOLDERS.has(token.type)) continue;
    const own: Cursor = {
      raw: token.raw ?? '',
      position: 0,
      line: lineOf(token),
      inline: INLINE_CONTAINERS.has(token.type),
    };
    if (Array.isArray(children)) prepare(children, own, onHeading);
    switch (token.type) {
      case 'list':
      case 'definitionList':
        prepare(token.items as unknown[], own, onHeading);
        break;
      case 'admonition':
        if (token.titleTokens) prepare(token.titleTokens as unknown[], own, onHeading);
        break;
      case 'tabSet':
        prepare(token.tabs as unknown[], own, onHeading);
        break;
      case 'table':
        prepare(token.header as unknown[], own, onHeading);
        prepare(token.rows as unknown[], own, onHeading);
        break;
    }
  }
}

const CONTAINER_EMBED = /^<(iframe|video|audio|object|script|style|noscript|template)\b/i;

/**
 * Inline HTML arrives one tag at a time; an embed written inside a paragraph
 * (`<video><source src="…"></video>`) is joined back into one piece so the raw-HTML pass sees
 * the whole element, its sources included.
 */
function joinInlineEmbeds(tokens: Tokens.Generic[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const tag =
      token.type === 'html' && !token.block
        ? CONTAINER_EMBED.exec(token.text as string)?.[1]?.toLowerCase()
        : undefined;
    if (!tag || new RegExp(`</${tag}\\s*>`, 'i').test(token.text as string)) continue;
    const close = tokens.findIndex(
      (t, j) => j > i && t.type === 'html' && new RegExp(`^</${tag}\\s*>$`, 'i').test((t.text as string).trim()),
    );
    if (close === -1) continue;
    const joined = tokens
      .slice(i, close + 1)
      .map((t) => t.raw)
      .join('');
    tokens.splice(i, close - i + 1, { ...token, raw: joined, text: joined });
  }
}
