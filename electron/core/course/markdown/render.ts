import { Marked, type Token, type TokenizerAndRendererExtension, type Tokens, type TokensList } from 'marked';
import { SlugRegistry } from '../slug.js';
import { Abbreviations, abbreviationExtension } from './abbreviations.js';
import { admonitionExtension } from './admonitions.js';
import {
  attachAttrLists,
  attrListExtension,
  renderAttrs,
  takeParagraphAttrList,
  takeTrailingAttrList,
  type WithAttrs,
} from './attr-list.js';
import { escapeCode, parseFenceInfo, renderCodeBlock, renderInlineCode } from './code.js';
import { contentTabsExtension } from './content-tabs.js';
import { definitionListExtension } from './definition-lists.js';
import { Footnotes, footnoteExtensions } from './footnotes.js';
import { inlineMarkExtension, keysExtension } from './inline-marks.js';
import { mathExtensions, type MathTypesetter } from './math.js';
import { markdownInHtmlExtension, renderMarkdownHtml, type MarkdownHtmlToken } from './md-in-html.js';
import { shortcodeExtension, type ShortcodeResolver } from './shortcodes.js';

/** What the page compiler decides while a page renders: where references point, what to report. */
export interface RenderHooks {
  /** HTML for an image written in Markdown: an <img> into the pack, or what to show instead. */
  image(token: Tokens.Image, attrs: string, line: number): string;
  /** The href a link gets, or undefined to render its text without a link. */
  link(href: string, line: number): string | undefined;
  /** Raw HTML from the page, made safe to show offline. */
  rawHtml(html: string, line: number): string;
  warn(message: string, line: number): void;
}

export interface RenderServices {
  shortcodes: ShortcodeResolver;
  math: MathTypesetter;
}

/**
 * Where plain text must stop so the inline extensions get a chance to match: `{` attribute lists,
 * `:name:` shortcodes, `==`, `^`, `~` and `++` marks, `$` math (`[^`, `\(` and `~` already stop
 * marked's text). One combined search per text run instead of one per extension keeps the
 * inline lexer close to marked's own speed.
 */
const INLINE_STOPS = /[{=^$+~]|:[a-z0-9_+-]+:/;
const inlineStops: TokenizerAndRendererExtension = {
  name: 'inlineStops',
  level: 'inline',
  start: (src) => src.search(INLINE_STOPS),
  tokenizer: () => undefined,
};

/**
 * Markup the compiler generates from escaped input (icons, highlighted code, typeset math) is
 * large and safe by construction, so it is kept out of the sanitizer's way: it is replaced by a
 * placeholder made of private-use characters (removed from every page's source beforehand, so no
 * author can forge one) and put back after sanitizing.
 */
export class TrustedFragments {
  private readonly fragments: string[] = [];

  stash(html: string): string {
    this.fragments.push(html);
    return `\uE000${this.fragments.length - 1}\uE001`;
  }

  restore(sanitized: string): string {
    return sanitized.replace(/\uE000(\d+)\uE001/g, (_, index: string) => this.fragments[Number(index)] ?? '');
  }
}

export const PLACEHOLDER_CHARACTERS = /[\uE000\uE001]/g;

export interface RenderedHeading {
  depth: number;
  id: string;
  title: string;
}

/** Tokens carry the 1-based line of the page where they start, for diagnostics. */
type Located<T> = T & { line?: number };
const lineOf = (token: object) => (token as Located<object>).line ?? 1;

const CHILD_KEYS = ['tokens', 'items', 'titleTokens', 'tabs', 'header', 'rows'] as const;

/** Visits every token of a page, nested ones included, in document order. */
export function forEachToken(
  tokens: readonly unknown[],
  visit: (token: Tokens.Generic, parent: Tokens.Generic | undefined) => void,
  parent?: Tokens.Generic,
): void {
  for (const item of tokens) {
    if (Array.isArray(item)) {
      forEachToken(item, visit, parent);
      continue;
    }
    const token = item as Tokens.Generic;
    if (typeof token.type === 'string') visit(token, parent);
    for (const key of CHILD_KEYS) {
      const children: unknown = token[key];
      if (Array.isArray(children)) forEachToken(children, visit, typeof token.type === 'string' ? token : parent);
    }
  }
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Gives every token the line it starts on. Top-level tokens follow each other in the source;
 * nested ones are found in their parent's text (their own text may have lost indentation, so the
 * first line is searched for), moving forward through the parent so each line is counted once.
 */
function annotateLines(tokens: Token[], firstLine: number): void {
  let line = firstLine;
  for (const token of tokens) {
    (token as Located<Token>).line = line;
    line += countLines(token.raw ?? '', 0, Infinity);
  }
  const cursors = new Map<object, { position: number; line: number }>();
  forEachToken(tokens, (token, parent) => {
    if (!parent || (token as Located<Token>).line !== undefined) return;
    const parentRaw: string = parent.raw ?? '';
    let cursor = cursors.get(parent);
    if (!cursor) cursors.set(parent, (cursor = { position: 0, line: lineOf(parent) }));
    const raw: string = token.raw ?? '';
    const firstText = raw.trimStart();
    const probe = firstText
      .slice(0, Math.max(0, firstText.indexOf('\n') === -1 ? firstText.length : firstText.indexOf('\n')))
      .trim();
    const at = probe ? parentRaw.indexOf(probe, cursor.position) : -1;
    if (at !== -1) {
      cursor.line += countLines(parentRaw, cursor.position, at);
      cursor.position = at;
    }
    (token as Located<Token>).line = cursor.line;
  });
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

/** Text of inline tokens without markup, for titles and slugs. */
export function plainText(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    if (
      token.type === 'shortcode' ||
      token.type === 'attrList' ||
      token.type === 'html' ||
      token.type === 'footnoteRef'
    )
      continue;
    if ('tokens' in token && token.tokens?.length) out += plainText(token.tokens);
    else if (token.type === 'math') out += (token as Tokens.Generic).tex as string;
    else if ('text' in token && typeof token.text === 'string') out += token.text;
  }
  return decodeEntities(out);
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
  );
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A line of prose that looks like block syntax that did not take: it stays visible as text. */
const STRAY_BLOCK_SYNTAX = /^[ \t]*(!!!|\?\?\?\+?|===)(?=[ \t]|$)/m;

/**
 * One Markdown engine per page: it owns the page's heading slugs, footnotes, abbreviations and tab
 * numbering, so ids stay unique across all of the page's sections, as they are on the MkDocs site.
 */
export class PageRenderer {
  private readonly marked: Marked;
  private readonly slugs = new SlugRegistry();
  private readonly headings = new WeakMap<Tokens.Heading, RenderedHeading>();
  private readonly footnotes = new Footnotes();
  private readonly abbreviations = new Abbreviations();
  private tabSets = 0;
  readonly trusted = new TrustedFragments();

  constructor(services: RenderServices, hooks: RenderHooks) {
    // marked calls renderers with its own `this`; these reach the page's state.
    const heading = (token: Tokens.Heading) => this.heading(token);
    const { trusted, abbreviations } = this;
    const warnAt = (token: object, message: string) => hooks.warn(message, lineOf(token));
    this.marked = new Marked({ gfm: true });
    this.marked.use({
      extensions: [
        inlineStops,
        attrListExtension((token) =>
          warnAt(token, `The attribute list ${token.raw} is not attached to anything and shows as text.`),
        ),
        admonitionExtension,
        contentTabsExtension({ next: () => ++this.tabSets }),
        markdownInHtmlExtension,
        {
          name: 'markdownHtml',
          renderer(token) {
            const element = token as MarkdownHtmlToken;
            const content = element.inline
              ? this.parser.parseInline(element.tokens)
              : this.parser.parse(element.tokens);
            return renderMarkdownHtml(element, content, (open) => hooks.rawHtml(open, lineOf(element)));
          },
        },
        ...footnoteExtensions(this.footnotes, (token) => warnAt(token, `The footnote ${token.raw} has no definition.`)),
        definitionListExtension,
        abbreviationExtension(this.abbreviations),
        ...mathExtensions(services.math, this.trusted, (token, message) =>
          warnAt(token, `The formula ${token.raw.trim()} could not be typeset: ${message}`),
        ),
        inlineMarkExtension,
        keysExtension,
        shortcodeExtension(services.shortcodes, this.trusted, (token) =>
          warnAt(token, `Unknown icon ${token.raw}; it shows as text.`),
        ),
      ],
      renderer: {
        heading(token) {
          const rendered = heading(token);
          const attrList = (token as WithAttrs<Tokens.Heading>).attrList;
          const attrs = renderAttrs({
            classes: attrList?.classes ?? [],
            attrs: attrList?.attrs ?? {},
            id: rendered.id,
          });
          return `<h${token.depth}${attrs}>${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
        },
        image(token) {
          return hooks.image(token, renderAttrs((token as WithAttrs<Tokens.Image>).attrList), lineOf(token));
        },
        link(token) {
          const attrs = renderAttrs((token as WithAttrs<Tokens.Link>).attrList);
          const text = token.autolink ? escapeHtml(token.text) : this.parser.parseInline(token.tokens);
          const href = hooks.link(token.href, lineOf(token));
          if (href === undefined) return `<span class="carrel-broken-link">${text}</span>`;
          const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
          return `<a href="${escapeHtml(href)}"${title}${attrs}>${text}</a>`;
        },
        paragraph(token) {
          if (STRAY_BLOCK_SYNTAX.test(token.raw)) {
            warnAt(
              token,
              `"${STRAY_BLOCK_SYNTAX.exec(token.raw)![1]}" does not start an admonition, details or tab here and shows as text (check the type, the quotes around the title and the indentation).`,
            );
          }
          const attrList = takeParagraphAttrList(token.tokens);
          const meaningful = token.tokens.filter((t) => !(t.type === 'text' && !t.raw.trim()));
          const only = meaningful.length === 1 ? meaningful[0] : undefined;
          // A paragraph holding only an image is a figure, as on the MkDocs Material site.
          if (only?.type === 'image' && !attrList) {
            const align = (only as WithAttrs<Tokens.Image>).attrList?.attrs.align;
            const figureClass = align === 'center' ? 'figure figure--center' : 'figure';
            return `<figure class="${figureClass}">${this.parser.parseInline(token.tokens)}</figure>\n`;
          }
          return `<p${renderAttrs(attrList)}>${this.parser.parseInline(token.tokens)}</p>\n`;
        },
        code(token) {
          if (token.codeBlockStyle === 'indented')
            return trusted.stash(renderCodeBlock(token.text, { language: undefined, title: undefined }));
          const info = parseFenceInfo(token.lang);
          if (info.language === 'mermaid') return `<pre class="mermaid"><code>${escapeCode(token.text)}</code></pre>\n`;
          return trusted.stash(renderCodeBlock(token.text, info));
        },
        codespan(token) {
          return renderInlineCode(escapeCode(token.text).replace(/"/g, '&quot;'));
        },
        html(token) {
          return hooks.rawHtml(token.text, lineOf(token));
        },
        text(token) {
          if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
          const html =
            'escaped' in token && token.escaped ? token.text : escapeHtml(token.text).replace(/&quot;/g, '"');
          return abbreviations.apply(html);
        },
        list(token) {
          const tag = token.ordered ? 'ol' : 'ul';
          const start = token.ordered && token.start !== 1 && token.start !== '' ? ` start="${token.start}"` : '';
          const tasks = token.items.some((item) => item.task) ? ' class="task-list"' : '';
          return `<${tag}${start}${tasks}>\n${token.items.map((item) => this.listitem(item)).join('')}</${tag}>\n`;
        },
        listitem(item) {
          return `<li${item.task ? ' class="task-list-item"' : ''}>${this.parser.parse(item.tokens)}</li>\n`;
        },
        checkbox({ checked }) {
          return `<label class="task-list-control"><input type="checkbox" disabled${checked ? ' checked' : ''}><span class="task-list-indicator"></span></label> `;
        },
      },
    });
  }

  /**
   * The page's tokens, with attribute lists attached to what they qualify, every token's line
   * known and heading ids claimed in document order (as Python-Markdown's toc numbers repeats).
   */
  lex(markdown: string, firstLine = 1): TokensList {
    const tokens = this.marked.lexer(markdown.replace(PLACEHOLDER_CHARACTERS, ''));
    forEachToken(tokens, (token) => {
      if (Array.isArray(token.tokens)) {
        attachAttrLists(token.tokens);
        joinInlineEmbeds(token.tokens);
      }
      if (token.type === 'heading') this.heading(token as Tokens.Heading);
    });
    annotateLines(tokens, firstLine);
    return tokens;
  }

  /** The id and title a heading token gets, decided once so sectioning and rendering agree. */
  heading(token: Tokens.Heading): RenderedHeading {
    const known = this.headings.get(token);
    if (known) return known;
    const attrList = takeTrailingAttrList(token) ?? (token as WithAttrs<Tokens.Heading>).attrList;
    (token as WithAttrs<Tokens.Heading>).attrList = attrList;
    const title = plainText(token.tokens).trim();
    let id: string;
    if (attrList?.id) {
      id = attrList.id;
      this.slugs.reserve(id);
    } else id = this.slugs.claim(title);
    const heading = { depth: token.depth, id, title };
    this.headings.set(token, heading);
    return heading;
  }

  /** Renders part of a page; `links` are the page's reference definitions, shared by all its parts. */
  render(tokens: Token[], links: TokensList['links']): string {
    return this.marked.parser(Object.assign([...tokens], { links }));
  }

  /** The page's footnotes, numbered in order of first reference; '' when there are none. */
  renderFootnotes(links: TokensList['links']): string {
    return this.footnotes.renderList((tokens) => this.render(tokens, links));
  }
}
