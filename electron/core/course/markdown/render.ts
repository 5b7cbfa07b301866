import { Marked, type Token, type Tokens, type TokensList } from 'marked';
import { SlugRegistry } from '../slug.js';
import { Abbreviations, abbreviationExtension } from './abbreviations.js';
import { admonitionExtension } from './admonitions.js';
import {
  attrListExtension,
  renderAttrs,
  takeParagraphAttrList,
  takeTrailingAttrList,
  type WithAttrs,
} from './attr-list.js';
import { parseFenceInfo, renderCodeBlock, renderInlineCode } from './code.js';
import { contentTabsExtension } from './content-tabs.js';
import { applyCriticDecisions, criticExtensions, unclosedCriticMark } from './critic.js';
import {
  annotateCode,
  annotationMarkerRenderer,
  pairAnnotations,
  renderAnnotationList,
  type AnnotatedCode,
  type AnnotationList,
} from './annotations.js';
import { captionRenderers } from './block-captions.js';
import { genericBlocksExtension } from './generic-blocks.js';
import { defineBlockRenderer } from './define-blocks.js';
import { htmlBlockRenderer } from './html-blocks.js';
import { definitionListExtension } from './definition-lists.js';
import { onlyImage } from './figures.js';
import { Footnotes, footnoteExtensions } from './footnotes.js';
import { inlineMarkExtension, keysExtension } from './inline-marks.js';
import { lheading, table } from './block-shortcuts.js';
import type { MarkdownDialect } from './dialect.js';
import { hashHeadingWithoutSpace } from './hash-headings.js';
import { paragraphEnds } from './paragraph-ends.js';
import { smartSymbols } from './smart-symbols.js';
import { smarty } from './smarty.js';
import { inlineText } from './inline-text.js';
import { br } from './line-breaks.js';
import { mathExtensions, type MathTypesetter } from './math.js';
import { markdownInHtmlExtension, renderMarkdownHtml, type MarkdownHtmlToken } from './md-in-html.js';
import { shortcodeExtension, type ShortcodeResolver } from './shortcodes.js';
import { lineOf, prepareTokens } from './prepare-tokens.js';
import { syntaxExtensions, type Syntax } from './syntax-table.js';
import { PLACEHOLDER_CHARACTERS, TrustedFragments } from './trusted-fragments.js';
import { escapeAttribute, escapeText } from '../markup-escape.js';

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
  /** What the course's mkdocs.yml switches on that changes how Markdown reads. */
  dialect: MarkdownDialect;
}

/**
 * Where plain text must stop so the inline syntaxes get a chance to match: `{` attribute lists,
 * `:name:` shortcodes, `==`, `^`, `~` and `++` marks, `$` math (`[^`, `\(` and `~` already stop
 * marked's text).
 */
const INLINE_STOPS = /[{=^$+~]|:[a-z0-9_+-]+:/;

/**
 * Rendered HTML. Everything the compiler writes itself is escaped and follows the sanitizer's
 * allowlist by construction (see renderAttrs); only HTML written by the author (`hasRawHtml`)
 * must go through the sanitizer.
 */
export interface RenderedPart {
  html: string;
  hasRawHtml: boolean;
}

export interface RenderedHeading {
  depth: number;
  id: string;
  title: string;
}

/** Text of inline tokens without markup, for titles and slugs. */
function plainText(tokens: readonly Token[] | undefined): string {
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
  return out;
}

/** A line of prose that looks like block syntax that did not take: it stays visible as text. */
const STRAY_BLOCK_SYNTAX = /^[ \t]*(!!!|\?\?\?\+?|===)(?=[ \t]|$)/m;
/** The same for pymdownx.blocks' fenced form (`/// name | title`). */
const STRAY_GENERIC_BLOCK = /^[ \t]*(\/{3,}[ \t]*[\w-]+)/m;

/**
 * What one page keeps while it is lexed and rendered: its heading slugs, footnotes, abbreviations
 * and tab numbering, so ids stay unique across all of the page's sections, as they are on the
 * MkDocs site.
 */
class PageState {
  readonly slugs: SlugRegistry;
  readonly headings = new WeakMap<Tokens.Heading, RenderedHeading>();
  readonly footnotes = new Footnotes();
  readonly abbreviations = new Abbreviations();
  readonly trusted = new TrustedFragments();
  tabSets = 0;
  /** How many blocks on the page have annotations (their sets are numbered in document order). */
  annotationSets = 0;
  /** The last number each captioned figure type was given on the page. */
  private readonly figureNumbers = new Map<string, number>();
  /** Whether the part being rendered has HTML the author wrote, which only the sanitizer may pass. */
  rawHtml = false;

  constructor(
    readonly services: RenderServices,
    readonly hooks: RenderHooks,
  ) {
    this.slugs = new SlugRegistry(services.dialect.unicodeSlugs);
  }

  /** The next number of a figure type; a number the author asks for is taken if it is not below it. */
  numberFigure(type: string, asked: number | undefined): number {
    const next = (this.figureNumbers.get(type) ?? 0) + 1;
    const given = asked !== undefined && asked > next ? asked : next;
    this.figureNumbers.set(type, given);
    return given;
  }
}

/** The page being lexed or rendered; set only inside PageRenderer's methods. */
let activePage: PageState | undefined;

function page(): PageState {
  if (!activePage) throw new Error('Markdown is lexed and rendered only through a PageRenderer.');
  return activePage;
}

const warnAt = (token: object, message: string) => page().hooks.warn(message, lineOf(token));

/** The id and title a heading token gets, decided once so sectioning and rendering agree. */
function claimHeading(state: PageState, token: Tokens.Heading): RenderedHeading {
  const known = state.headings.get(token);
  if (known) return known;
  const attrList = takeTrailingAttrList(token) ?? (token as WithAttrs<Tokens.Heading>).attrList;
  (token as WithAttrs<Tokens.Heading>).attrList = attrList;
  const text = plainText(token.tokens).trim();
  let id: string;
  if (attrList?.id) {
    id = attrList.id;
    state.slugs.reserve(id);
  } else id = state.slugs.claim(text);
  // `{ data-toc-label="Short" }` names a section or subsection in the contents, as MkDocs' toc
  // does; the id still comes from the heading's own text, and a page's title from its H1's.
  const label = token.depth > 1 ? attrList?.attrs['data-toc-label']?.trim() : undefined;
  const heading = { depth: token.depth, id, title: label || text };
  state.headings.set(token, heading);
  return heading;
}

/**
 * One Markdown engine for every page: building marked's extension and renderer tables is costly,
 * so they are built once, and everything that belongs to a page is reached through `page()`.
 */
function createEngine(): Marked {
  const trusted = { stash: (html: string) => page().trusted.stash(html) };
  const setOf = (list: AnnotationList) => (list.annotationSet ??= ++page().annotationSets);
  const engine = new Marked({ gfm: true });
  const [footnoteDefinition, footnoteReference] = footnoteExtensions(
    () => page().footnotes,
    (token) => warnAt(token, `The footnote ${token.raw} has no definition.`),
  );
  const [mathBlock, mathInline] = mathExtensions(
    { typeset: (tex, display) => page().services.math.typeset(tex, display) },
    trusted,
    (token, message) => warnAt(token, `The formula ${token.raw.trim()} could not be typeset: ${message}`),
  );
  const [criticBlock, criticInline] = criticExtensions(() => page().services.dialect.critic === 'view');
  // The order each level's syntaxes are tried in, where more than one can start with a character.
  const syntaxes: Syntax[] = [
    { extension: criticBlock!, startsWith: '{' },
    { extension: mathBlock!, startsWith: '$\\' },
    { extension: abbreviationExtension(() => page().abbreviations), startsWith: '*' },
    { extension: definitionListExtension },
    { extension: footnoteDefinition!, startsWith: '[' },
    { extension: markdownInHtmlExtension, startsWith: '<' },
    { extension: contentTabsExtension({ next: () => ++page().tabSets }), startsWith: '=' },
    { extension: admonitionExtension, startsWith: '!?' },
    {
      extension: genericBlocksExtension((type, asked) => page().numberFigure(type, asked)),
      startsWith: '/',
    },
    {
      extension: shortcodeExtension(
        {
          icon: (name) => page().services.shortcodes.icon(name),
          emoji: (name) => page().services.shortcodes.emoji(name),
        },
        trusted,
        (token) => warnAt(token, `Unknown icon ${token.raw}; it shows as text.`),
      ),
      startsWith: ':',
    },
    { extension: keysExtension, startsWith: '+' },
    { extension: inlineMarkExtension, startsWith: '=^~' },
    { extension: mathInline!, startsWith: '$\\' },
    { extension: footnoteReference!, startsWith: '[' },
    { extension: criticInline!, startsWith: '{' },
    {
      extension: attrListExtension((token) =>
        warnAt(token, `The attribute list ${token.raw} is not attached to anything and shows as text.`),
      ),
      startsWith: '{',
    },
  ];
  engine.use({
    tokenizer: {
      inlineText,
      table,
      lheading,
      heading: hashHeadingWithoutSpace(() => !page().services.dialect.saneHeaders),
      paragraph: paragraphEnds(() => !page().services.dialect.saneHeaders),
      br,
    },
    extensions: [
      ...syntaxExtensions(syntaxes, (src) => src.search(INLINE_STOPS)),
      ...captionRenderers,
      annotationMarkerRenderer(setOf),
      htmlBlockRenderer,
      defineBlockRenderer,
      {
        name: 'markdownHtml',
        renderer(token) {
          const element = token as MarkdownHtmlToken;
          page().rawHtml = true;
          const content = element.inline ? this.parser.parseInline(element.tokens) : this.parser.parse(element.tokens);
          return renderMarkdownHtml(element, content, (open) => page().hooks.rawHtml(open, lineOf(element)));
        },
      },
    ],
    renderer: {
      heading(token) {
        const rendered = claimHeading(page(), token);
        const attrList = (token as WithAttrs<Tokens.Heading>).attrList;
        const attrs = renderAttrs(
          { classes: attrList?.classes ?? [], attrs: attrList?.attrs ?? {}, id: rendered.id },
          { tag: `h${token.depth}` },
        );
        return `<h${token.depth}${attrs}>${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
      image(token) {
        const attrs = renderAttrs((token as WithAttrs<Tokens.Image>).attrList, {
          tag: 'img',
          written: token.title ? ['src', 'alt', 'title'] : ['src', 'alt'],
        });
        return page().hooks.image(token, attrs, lineOf(token));
      },
      link(token) {
        const attrs = renderAttrs((token as WithAttrs<Tokens.Link>).attrList, {
          tag: 'a',
          written: token.title ? ['href', 'title'] : ['href'],
        });
        const text = token.autolink ? escapeAttribute(token.text) : this.parser.parseInline(token.tokens);
        const href = page().hooks.link(token.href, lineOf(token));
        if (href === undefined) return `<span class="carrel-broken-link">${text}</span>`;
        const title = token.title ? ` title="${escapeAttribute(token.title)}"` : '';
        return `<a href="${escapeAttribute(href)}"${title}${attrs}>${text}</a>`;
      },
      paragraph(token) {
        if (STRAY_BLOCK_SYNTAX.test(token.raw)) {
          warnAt(
            token,
            `"${STRAY_BLOCK_SYNTAX.exec(token.raw)![1]}" does not start an admonition, details or tab here and shows as text (check the type, the quotes around the title and the indentation).`,
          );
        }
        const strayBlock = STRAY_GENERIC_BLOCK.exec(token.raw);
        if (strayBlock) {
          warnAt(
            token,
            `"${strayBlock[1]}" does not start a block here and shows as text (Carrel knows admonition, details, tab, caption, figure-caption, table-caption, html, define and the admonition types; check the name, what follows it and the closing line of slashes).`,
          );
        }
        const unclosed = page().services.dialect.critic === 'view' ? unclosedCriticMark(token.raw) : undefined;
        if (unclosed) {
          warnAt(
            token,
            `The edit mark "${unclosed}" does not close in its paragraph and shows as text (a mark around whole paragraphs needs its delimiters on lines of their own, with blank lines around the content).`,
          );
        }
        const attrList = takeParagraphAttrList(token.tokens);
        const image = attrList ? undefined : onlyImage(token);
        if (image)
          return `<figure class="${image.classes.join(' ')}">${this.parser.parseInline(token.tokens)}</figure>\n`;
        return `<p${renderAttrs(attrList, { tag: 'p' })}>${this.parser.parseInline(token.tokens)}</p>\n`;
      },
      code(token) {
        if (token.codeBlockStyle === 'indented')
          return page().trusted.stash(renderCodeBlock(token.text, { language: undefined, title: undefined }));
        const info = parseFenceInfo(token.lang);
        if (info.language === 'mermaid') return `<pre class="mermaid"><code>${escapeText(token.text)}</code></pre>\n`;
        const annotations = (token as AnnotatedCode).annotations;
        const html = renderCodeBlock(token.text, info);
        return page().trusted.stash(annotations ? annotateCode(html, annotations, setOf) : html);
      },
      codespan(token) {
        const html = renderInlineCode(escapeAttribute(token.text));
        // Highlighted inline code (`#!python …`) is highlight.js markup, kept as it is.
        return html.startsWith('<code>') ? html : page().trusted.stash(html);
      },
      html(token) {
        page().rawHtml = true;
        return page().hooks.rawHtml(token.text, lineOf(token));
      },
      text(token) {
        if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
        const { abbreviations, services } = page();
        if ('escaped' in token && token.escaped) return abbreviations.apply(token.text);
        let html = escapeText(token.text);
        // smartsymbols runs before smarty, as their MkDocs extensions run.
        if (services.dialect.smartSymbols) html = smartSymbols(html);
        if (services.dialect.smarty) html = smarty(html);
        if (services.dialect.newlineBreaks) html = html.replace(/\n/g, '<br />\n');
        return abbreviations.apply(html);
      },
      list(token) {
        if ((token as AnnotationList).isAnnotationList)
          return renderAnnotationList(token as AnnotationList, setOf, (item) => this.listitem(item));
        const tag = token.ordered ? 'ol' : 'ul';
        const start = token.ordered && token.start !== 1 && token.start !== '' ? ` start="${token.start}"` : '';
        const tasks = token.items.some((item) => item.task) ? ' class="task-list"' : '';
        return `<${tag}${start}${tasks}>\n${token.items.map((item) => this.listitem(item)).join('')}</${tag}>\n`;
      },
      listitem(item) {
        return `<li${item.task ? ' class="task-list-item"' : ''}>${this.parser.parse(item.tokens)}</li>\n`;
      },
      tablecell(cell) {
        // A cell's own attribute list (`| text { .class } |`), as on headings.
        const attrList = takeTrailingAttrList(cell);
        const tag = cell.header ? 'th' : 'td';
        const align = cell.align ? ` align="${cell.align}"` : '';
        const attrs = renderAttrs(attrList, { tag, written: cell.align ? ['align'] : [] });
        return `<${tag}${align}${attrs}>${this.parser.parseInline(cell.tokens)}</${tag}>\n`;
      },
      // Void elements are written as the sanitizer writes them, so both give the same bytes.
      br() {
        return '<br />';
      },
      hr() {
        return '<hr />\n';
      },
      checkbox({ checked }) {
        return `<label class="task-list-control"><input type="checkbox" disabled${checked ? ' checked' : ''} /><span class="task-list-indicator"></span></label> `;
      },
    },
  });
  return engine;
}

let sharedEngine: Marked | undefined;

/** Lexes and renders one page; its parts (intro, sections, footnotes) share the page's state. */
export class PageRenderer {
  private readonly engine = (sharedEngine ??= createEngine());
  private readonly state: PageState;

  constructor(services: RenderServices, hooks: RenderHooks) {
    this.state = new PageState(services, hooks);
  }

  get trusted(): TrustedFragments {
    return this.state.trusted;
  }

  /** Runs `work` with this page as the one the shared engine serves. */
  private within<T>(work: () => T): T {
    const previous = activePage;
    activePage = this.state;
    try {
      return work();
    } finally {
      activePage = previous;
    }
  }

  /**
   * The page's tokens, with attribute lists attached to what they qualify, every token's line
   * known and heading ids claimed in document order (as Python-Markdown's toc numbers repeats).
   */
  lex(markdown: string, firstLine = 1): TokensList {
    return this.within(() => {
      const { critic } = this.state.services.dialect;
      // pymdownx.critic's accept and reject apply the edits before anything else reads the page.
      const text = critic === 'accept' || critic === 'reject' ? applyCriticDecisions(markdown, critic) : markdown;
      const tokens = this.engine.lexer(text.replace(PLACEHOLDER_CHARACTERS, ''));
      prepareTokens(tokens, firstLine, (heading) => claimHeading(this.state, heading));
      pairAnnotations(text, tokens, this.state.services.dialect.codeAnnotations === true);
      return tokens;
    });
  }

  /** The id and title a heading token gets, decided once so sectioning and rendering agree. */
  heading(token: Tokens.Heading): RenderedHeading {
    return claimHeading(this.state, token);
  }

  /** Renders part of a page; `links` are the page's reference definitions, shared by all its parts. */
  render(tokens: Token[], links: TokensList['links']): RenderedPart {
    return this.within(() => {
      this.state.rawHtml = false;
      const html = this.engine.parser(Object.assign([...tokens], { links }));
      return { html, hasRawHtml: this.state.rawHtml };
    });
  }

  /** The page's footnotes, numbered in order of first reference; '' when there are none. */
  renderFootnotes(links: TokensList['links']): RenderedPart {
    let hasRawHtml = false;
    const html = this.state.footnotes.renderList((tokens) => {
      const part = this.render(tokens, links);
      hasRawHtml ||= part.hasRawHtml;
      return part.html;
    });
    return { html, hasRawHtml };
  }
}
