import { Marked, type Token, type Tokens, type TokensList } from 'marked';
import { attachAttrLists, attrListExtension, renderAttrs, takeTrailingAttrList, type WithAttrs } from './attr-list.js';
import { iconExtension, type IconResolver } from './icons.js';
import { SlugRegistry } from '../slug.js';

/** What the compiler learns about a page while rendering it, for diagnostics and the asset list. */
export interface RenderHooks {
  /** Maps an image reference in the page to the URL the compiled HTML uses, or undefined if missing. */
  resolveImage(href: string): string | undefined;
  warn(message: string, line: number | undefined): void;
}

export interface RenderedHeading {
  depth: number;
  id: string;
  title: string;
}

/** Text of inline tokens without markup, for titles and slugs. */
export function plainText(tokens: Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    if ('tokens' in token && token.tokens?.length) out += plainText(token.tokens);
    else if (token.type === 'icon' || token.type === 'attrList' || token.type === 'html') continue;
    else if ('text' in token && typeof token.text === 'string') out += token.text;
  }
  return decodeEntities(out);
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * One Markdown engine per page: it owns the page's heading slugs so ids stay unique across all of
 * the page's sections, as they are on the MkDocs site.
 */
export class PageRenderer {
  private readonly marked: Marked;
  private readonly slugs = new SlugRegistry();
  private readonly headingIds = new WeakMap<Tokens.Heading, RenderedHeading>();

  constructor(
    icons: IconResolver,
    private readonly hooks: RenderHooks,
  ) {
    const self = this;
    this.marked = new Marked({ gfm: true });
    this.marked.use({
      extensions: [attrListExtension, iconExtension(icons, (name) => hooks.warn(`Unknown icon :${name}:`, undefined))],
      renderer: {
        heading(token) {
          const heading = self.heading(token);
          const attrs = renderAttrs({ ...(token as WithAttrs<Tokens.Heading>).attrList ?? { classes: [], attrs: {} }, id: heading.id });
          return `<h${token.depth}${attrs}>${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
        },
        image(token) {
          const attrList = (token as WithAttrs<Tokens.Image>).attrList;
          const src = hooks.resolveImage(token.href);
          if (src === undefined) return `<span class="missing-image" title="${escapeAttr(token.href)}">${escapeAttr(token.text)}</span>`;
          const title = token.title ? ` title="${escapeAttr(token.title)}"` : '';
          return `<img src="${escapeAttr(src)}" alt="${escapeAttr(token.text)}"${title}${renderAttrs(attrList)}>`;
        },
        link(token) {
          const attrList = (token as WithAttrs<Tokens.Link>).attrList;
          const title = token.title ? ` title="${escapeAttr(token.title)}"` : '';
          return `<a href="${escapeAttr(token.href)}"${title}${renderAttrs(attrList)}>${this.parser.parseInline(token.tokens)}</a>`;
        },
        paragraph(token) {
          // A paragraph holding only an image is a figure, as on the MkDocs Material site.
          const meaningful = token.tokens.filter((t) => !(t.type === 'text' && !t.raw.trim()));
          const only = meaningful.length === 1 ? meaningful[0] : undefined;
          if (only?.type === 'image') {
            const align = (only as WithAttrs<Tokens.Image>).attrList?.attrs.align;
            const figureClass = align === 'center' ? 'figure figure--center' : 'figure';
            return `<figure class="${figureClass}">${this.parser.parseInline(token.tokens)}</figure>\n`;
          }
          return `<p>${this.parser.parseInline(token.tokens)}</p>\n`;
        },
      },
    });
  }

  /** Tokens of the whole page, with attribute lists already attached to what they qualify. */
  lex(markdown: string): TokensList {
    const tokens = this.marked.lexer(markdown);
    this.marked.walkTokens(tokens, (token) => {
      if ('tokens' in token && Array.isArray(token.tokens)) attachAttrLists(token.tokens);
    });
    return tokens;
  }

  /** The id and title a heading token gets, decided once so sectioning and rendering agree. */
  heading(token: Tokens.Heading): RenderedHeading {
    const known = this.headingIds.get(token);
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
    this.headingIds.set(token, heading);
    return heading;
  }

  /** Renders part of a page; `links` are the page's reference definitions, shared by all its parts. */
  render(tokens: Token[], links: TokensList['links']): string {
    return this.marked.parser(Object.assign([...tokens], { links }));
  }
}
