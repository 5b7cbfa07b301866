import type { RendererExtension, Token, Tokens } from 'marked';
import type { AttrListToken } from './attr-list.js';
import { parseFenceInfo } from './code.js';

/**
 * Material's annotations: markers `(1)`, `(2)`… in a block marked `annotate` open the matching
 * item of the ordered list right after the block, as a small note beside the text.
 *
 *   Tokens are counted (1) before the model sees them.     ```python title="train.py"
 *   { .annotate }                                            model.fit(data)  # (1)!
 *                                                            ```
 *   1.  Words, parts of words and punctuation.
 *                                                            1.  One pass over the data.
 *
 * A paragraph takes `{ .annotate }`, an admonition the word (`!!! note annotate`), a code block
 * the class (`{ .python .annotate }`) or every code block when mkdocs.yml's theme lists the
 * `content.code.annotate` feature; in code, markers are read in comments, and `(1)!` leaves only
 * the marker where the whole comment was. The compiler turns each marker into a link to its list
 * item (`#annotation-2-1`: the page's second annotated block, first note), and the list into an
 * `annotation-list` the reader shows one item at a time, where the marker was clicked.
 */

/** The ordered list that holds a block's annotations, and the number of its set on the page. */
export interface AnnotationList extends Tokens.List {
  annotationSet?: number;
  isAnnotationList: true;
}

export interface AnnotationMarkerToken extends Tokens.Generic {
  type: 'annotationMarker';
  note: number;
  list: AnnotationList;
}

/** A code block whose comments hold markers. */
export type AnnotatedCode = Tokens.Code & { annotations?: AnnotationList };

const MARKER = /\((\d+)\)/g;
const HAS_MARKER = /\(\d+\)/;

const hasClass = (token: Token | undefined, name: string) =>
  token?.type === 'attrList' && (token as AttrListToken).list.classes.includes(name);

/** Whether a block asks for annotations (see the module comment). */
function isAnnotated(token: Tokens.Generic, codeAnnotations: boolean): boolean {
  if (token.type === 'paragraph') return hasClass(token.tokens?.at(-1), 'annotate');
  if (token.type === 'admonition') return (token.classes as string[]).includes('annotate');
  if (token.type === 'code') return codeAnnotations || parseFenceInfo(token.lang as string).annotate === true;
  return false;
}

/** Splits the text tokens under `tokens` at markers the list has a note for. */
function placeMarkers(tokens: Token[], list: AnnotationList): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Tokens.Generic;
    // Code shows its text as written, and a marker inside a link would be a link in a link.
    if (token.type === 'codespan' || token.type === 'code' || token.type === 'attrList' || token.type === 'link')
      continue;
    if (Array.isArray(token.tokens)) placeMarkers(token.tokens as Token[], list);
    if (Array.isArray(token.titleTokens)) placeMarkers(token.titleTokens as Token[], list);
    if (Array.isArray(token.items))
      for (const item of token.items as Tokens.ListItem[]) placeMarkers(item.tokens, list);
    if (token.type !== 'text' || token.tokens || token.escaped || !HAS_MARKER.test(token.text as string)) continue;
    const parts: Token[] = [];
    let last = 0;
    const text = token.text as string;
    for (const found of text.matchAll(MARKER)) {
      const note = Number(found[1]);
      if (note < 1 || note > list.items.length) continue;
      const before = text.slice(last, found.index);
      if (before) parts.push({ ...token, raw: before, text: before } as Tokens.Text);
      parts.push({ type: 'annotationMarker', raw: found[0], note, list, line: token.line } as AnnotationMarkerToken);
      last = found.index + found[0].length;
    }
    if (!parts.length) continue;
    const after = text.slice(last);
    if (after) parts.push({ ...token, raw: after, text: after } as Tokens.Text);
    tokens.splice(i, 1, ...parts);
    i += parts.length - 1;
  }
}

/** Pairs each annotated block in a list of blocks with the ordered list after it. */
function pairInList(blocks: Token[], codeAnnotations: boolean): void {
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Tokens.Generic;
    if (!isAnnotated(block, codeAnnotations)) continue;
    let next = i + 1;
    while (blocks[next]?.type === 'space') next++;
    const list = blocks[next] as Tokens.List | undefined;
    if (list?.type !== 'list' || !list.ordered) continue;
    const annotations = Object.assign(list, { isAnnotationList: true as const });
    if (block.type === 'code') (block as AnnotatedCode).annotations = annotations;
    else placeMarkers([block as Token], annotations);
  }
}

/** Every list of tokens under `tokens`, itself included. */
function eachBlockList(tokens: Token[], visit: (blocks: Token[]) => void): void {
  visit(tokens);
  for (const token of tokens as Tokens.Generic[]) {
    if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'code') continue;
    if (Array.isArray(token.tokens)) eachBlockList(token.tokens as Token[], visit);
    for (const holder of [token.items, token.tabs] as unknown[])
      if (Array.isArray(holder)) for (const item of holder as { tokens: Token[] }[]) eachBlockList(item.tokens, visit);
  }
}

/**
 * Finds the page's annotated blocks and their lists. Markdown without the word `annotate` has
 * none unless every code block may be annotated, and then only where a marker is written.
 */
export function pairAnnotations(markdown: string, tokens: Token[], codeAnnotations: boolean): void {
  if (!markdown.includes('annotate') && !(codeAnnotations && HAS_MARKER.test(markdown))) return;
  eachBlockList(tokens, (blocks) => pairInList(blocks, codeAnnotations));
}

/** The number of `list`'s set among the page's annotated blocks, given when it is first needed. */
export type AnnotationSets = (list: AnnotationList) => number;

const markerHtml = (set: number, note: number) =>
  `<a class="annotation" href="#annotation-${set}-${note}" title="Annotation ${note}"></a>`;

/** Puts the markers in highlighted code's comments; `(1)!` replaces its whole comment. */
export function annotateCode(html: string, list: AnnotationList, setOf: AnnotationSets): string {
  return html.replace(/<span class="hljs-comment">([^<]*)<\/span>/g, (comment, text: string) => {
    const notes = [...text.matchAll(/\((\d+)\)(!?)/g)].filter(
      ([, n]) => Number(n) >= 1 && Number(n) <= list.items.length,
    );
    if (!notes.length) return comment;
    const set = setOf(list);
    if (notes.some(([, , bang]) => bang)) return notes.map(([, n]) => markerHtml(set, Number(n))).join('');
    const commentOf = (part: string) => (part ? `<span class="hljs-comment">${part}</span>` : '');
    let out = '';
    let last = 0;
    for (const found of notes) {
      out += commentOf(text.slice(last, found.index)) + markerHtml(set, Number(found[1]));
      last = found.index + found[0].length;
    }
    return out + commentOf(text.slice(last));
  });
}

/** How a marker renders: a link to its note, with no text of its own. */
export const annotationMarkerRenderer = (setOf: AnnotationSets): RendererExtension => ({
  name: 'annotationMarker',
  renderer(generic) {
    const marker = generic as AnnotationMarkerToken;
    return markerHtml(setOf(marker.list), marker.note);
  },
});

/** The list of a set's notes, each item linkable by its marker's href. */
export function renderAnnotationList(
  list: AnnotationList,
  setOf: AnnotationSets,
  item: (item: Tokens.ListItem) => string,
): string {
  const set = setOf(list);
  const items = list.items.map((entry, index) =>
    item(entry).replace(/^<li/, `<li id="annotation-${set}-${index + 1}"`),
  );
  return `<ol class="annotation-list">\n${items.join('')}</ol>\n`;
}
