import type { Tokens } from 'marked';
import { allowedAttribute } from '../sanitize.js';
import type { SyntaxExtension } from './syntax-table.js';
import { escapeAttribute, escapeText } from '../markup-escape.js';

/** Attributes given with Python-Markdown's attr_list syntax: `{ .class #id key=value }`. */
export interface AttrList {
  id?: string;
  classes: string[];
  attrs: Record<string, string>;
}

const ATTR_ITEM = /\s*(?:([.#])([A-Za-z_][\w-]*)|([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))/y;

/** Parses the inside of `{ … }`; undefined when it is not an attribute list (plain braces in prose). */
export function parseAttrList(inner: string): AttrList | undefined {
  const body = inner.replace(/^:/, '').trim();
  if (!body) return undefined;
  const list: AttrList = { classes: [], attrs: {} };
  ATTR_ITEM.lastIndex = 0;
  let consumed = 0;
  const source = ` ${body}`;
  while (consumed < source.length) {
    ATTR_ITEM.lastIndex = consumed;
    const match = ATTR_ITEM.exec(source);
    if (!match) break;
    consumed = ATTR_ITEM.lastIndex;
    const [, sigil, name, key, dq, sq, bare] = match;
    if (sigil === '.') list.classes.push(name!);
    else if (sigil === '#') list.id = name!;
    else list.attrs[key!] = dq ?? sq ?? bare ?? '';
  }
  return consumed === source.length ? list : undefined;
}

export interface AttrListToken extends Tokens.Generic {
  type: 'attrList';
  raw: string;
  list: AttrList;
}

const INLINE_ATTR = /^\{:?([^{}\n]*)\}/;

/**
 * Inline `{ … }` right after an image or link. The tokenizer only recognizes it; attaching it to
 * the element before it happens in `attachAttrLists`, and a list nothing claims renders as text.
 */
export function attrListExtension(onStray: (token: AttrListToken) => void): SyntaxExtension {
  return {
    name: 'attrList',
    level: 'inline',
    tokenizer(src) {
      const match = INLINE_ATTR.exec(src);
      if (!match) return undefined;
      const list = parseAttrList(match[1]!);
      if (!list) return undefined;
      return { type: 'attrList', raw: match[0], list } satisfies AttrListToken;
    },
    renderer(token) {
      onStray(token as AttrListToken);
      return escapeText(token.raw);
    },
  };
}

export type WithAttrs<T> = T & { attrList?: AttrList; attrListRaw?: string };

/** Inline elements an attribute list right after them qualifies, as attr_list allows. */
const QUALIFIABLE = new Set(['image', 'link', 'shortcode', 'em', 'strong', 'codespan', 'inlineMark']);

/**
 * Moves each attribute list onto the inline element it follows (attr_list's rule for inline
 * elements). Runs on every list of inline tokens; a list nothing claims renders as text.
 */
export function attachAttrLists(tokens: Tokens.Generic[]): void {
  for (let i = tokens.length - 1; i > 0; i--) {
    const token = tokens[i]!;
    const previous = tokens[i - 1]! as WithAttrs<Tokens.Generic>;
    if (token.type === 'attrList' && QUALIFIABLE.has(previous.type) && !previous.attrList) {
      previous.attrList = (token as AttrListToken).list;
      previous.attrListRaw = token.raw;
      tokens.splice(i, 1);
    }
  }
}

/**
 * Takes a paragraph's attribute list: `{ .class }` alone on the paragraph's last line applies to
 * the paragraph itself.
 */
export function takeParagraphAttrList(tokens: Tokens.Generic[]): AttrList | undefined {
  const last = tokens.at(-1);
  const previous = tokens.at(-2);
  if (last?.type !== 'attrList' || previous?.type !== 'text' || !/\n[ \t]*$/.test(previous.raw)) return undefined;
  tokens.pop();
  previous.text = (previous.text as string).replace(/\s+$/, '');
  previous.raw = previous.raw.replace(/\s+$/, '');
  return (last as AttrListToken).list;
}

/** Takes a heading's trailing `{ … }` off its text and returns it. */
export function takeTrailingAttrList(element: { tokens: Tokens.Generic[] }): AttrList | undefined {
  const last = element.tokens.at(-1);
  if (last?.type !== 'attrList') return undefined;
  element.tokens.pop();
  const previous = element.tokens.at(-1);
  if (previous?.type === 'text') {
    const text = previous as Tokens.Text;
    text.text = text.text.trimEnd();
    text.raw = text.raw.trimEnd();
  }
  return (last as AttrListToken).list;
}

/** Where an attribute list is written: the element, its own classes, attributes written before the list's. */
export interface AttrTarget {
  tag: string;
  classes?: readonly string[];
  written?: readonly string[];
}

/**
 * Renders an attribute list as HTML attributes of an element the compiler writes, merged with the
 * classes the element already has. Only what the sanitizer's allowlist keeps is written, the way
 * it writes it (an attribute named twice keeps its first value), so the markup needs no
 * sanitizing afterwards.
 */
export function renderAttrs(list: AttrList | undefined, target: AttrTarget): string {
  if (!list) return target.classes?.length ? ` class="${escapeAttribute(target.classes.join(' '))}"` : '';
  const classes = [...(target.classes ?? []), ...list.classes];
  const written = new Set(target.written);
  let out = '';
  const write = (name: string, value: string) => {
    const kept = written.has(name) ? undefined : allowedAttribute(target.tag, name, value);
    written.add(name);
    if (kept === undefined) return;
    out += kept === '' && name !== 'alt' ? ` ${name}` : ` ${name}="${escapeAttribute(kept)}"`;
  };
  if (list.id) write('id', list.id);
  if (classes.length) write('class', classes.join(' '));
  for (const [key, value] of Object.entries(list.attrs)) {
    const name = key.toLowerCase();
    if (name !== 'class' && name !== 'id') write(name, value);
  }
  return out;
}
