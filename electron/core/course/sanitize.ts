import { Parser } from 'htmlparser2';
import { escapeAttribute, escapeText } from './markup-escape.js';

/**
 * The allowlist every compiled page passes through before it is stored in a pack. The renderer
 * sanitizes again (DOMPurify) before inserting, so neither side alone has to be perfect.
 * Nothing here can load from the network: images and media may only point into the pack
 * (`assets/…`), links may only be http(s), mailto, tel, in-page anchors, relative paths and
 * Carrel's own course links (`carrel:page/…`, `carrel:file/…`).
 *
 * It reads the HTML with htmlparser2's tokenizer (markup the compiler wrote itself with a faster,
 * stricter reader, see writeWellFormed) and writes what the allowlist keeps:
 *   - an element that is not allowed is unwrapped (its content stays), except those whose content
 *     is code, another document or form state (DROPPED_WITH_CONTENT), which go with everything inside
 *   - attributes not allowed for the element are dropped, and so is every data-* attribute
 *   - text is written with &, < and > escaped; attribute values with " escaped too, always quoted
 *   - comments, processing instructions and doctypes are dropped
 * Its output is written the way the packs have always had it (`<br />`, `<img … />`, `alt=""`).
 *
 * Markup the compiler writes itself is escaped and follows this allowlist by construction
 * (attribute lists go through `allowedAttribute`, void elements are written as here), so only the
 * parts of a page that hold HTML the author wrote are passed through; the tests compile courses
 * both ways and compare every byte.
 */
const PROSE_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'dfn',
  'time',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'colgroup',
  'col',
  'a',
  'img',
  'figure',
  'figcaption',
  'span',
  'div',
  'details',
  'summary',
  'input',
  'label',
  'section',
  'aside',
  'article',
  'header',
  'footer',
  'nav',
  'center',
  'video',
  'audio',
  'wbr',
  'svg',
  'path',
  'g',
  'circle',
  'rect',
  'line',
  'polyline',
  'polygon',
  'ellipse',
  'title',
];

const SVG_ATTRS = [
  'viewbox',
  'xmlns',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'd',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'points',
  'width',
  'height',
  'transform',
  'fill-rule',
  'clip-rule',
  'aria-hidden',
  'focusable',
  'preserveaspectratio',
  'opacity',
  'fill-opacity',
];

/** KaTeX positions glyphs with inline styles; only plain lengths and colours are let through. */
const CSS_VALUE = /^(?!.*(?:url|expression|image|@|\\))[-+\w.%#(), ]+$/i;
const STYLE_PROPERTIES = new Set([
  'height',
  'width',
  'min-width',
  'max-width',
  'vertical-align',
  'top',
  'bottom',
  'left',
  'right',
  'margin-left',
  'margin-right',
  'margin-top',
  'margin-bottom',
  'padding-left',
  'padding-right',
  'border-bottom-width',
  'border-top-width',
  'border-right-width',
  'color',
  'position',
]);

const GLOBAL_ATTRS = ['id', 'class', 'title', 'lang', 'dir', 'align'];
const TAG_ATTRS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height', 'loading'],
  video: ['src', 'controls', 'width', 'height'],
  audio: ['src', 'controls'],
  span: ['style', 'aria-hidden', 'role', 'aria-label'],
  div: ['role', 'aria-label'],
  th: ['colspan', 'rowspan', 'align'],
  td: ['colspan', 'rowspan', 'align'],
  ol: ['start', 'type', 'reversed'],
  details: ['open'],
  input: ['type', 'checked', 'disabled', 'name'],
  label: ['for'],
  time: ['datetime'],
  abbr: ['title'],
  svg: [...SVG_ATTRS, 'style'],
  path: SVG_ATTRS,
  g: SVG_ATTRS,
  circle: SVG_ATTRS,
  rect: SVG_ATTRS,
  line: SVG_ATTRS,
  polyline: SVG_ATTRS,
  polygon: SVG_ATTRS,
  ellipse: SVG_ATTRS,
};

/** Allowed tag -> the attributes it may keep. */
const ALLOWED = new Map(PROSE_TAGS.map((tag) => [tag, new Set([...GLOBAL_ATTRS, ...(TAG_ATTRS[tag] ?? [])])]));

/** Elements written as `<tag … />`, with no closing tag. */
const SELF_CLOSING = new Set(['img', 'br', 'hr', 'input', 'col', 'wbr']);

/** Attributes that mean nothing when empty (HTML's list of non-boolean attributes): `class=""` is dropped. */
const NON_BOOLEAN = new Set([
  'class',
  'colspan',
  'datetime',
  'dir',
  'for',
  'height',
  'href',
  'id',
  'lang',
  'loading',
  'name',
  'rowspan',
  'src',
  'start',
  'style',
  'title',
  'type',
  'width',
]);

/**
 * Elements dropped with everything inside: code (script, style), other documents (iframe, object,
 * embed, template, noembed…) and form state (textarea, select, option). Anything else that is not
 * allowed is unwrapped, so its text stays readable.
 */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'textarea',
  'select',
  'option',
  'datalist',
]);

const MEDIA = new Set(['img', 'video', 'audio']);
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/**
 * Control characters and spaces, which browsers skip in URLs: left in, they could hide a scheme
 * (`java\tscript:`) from the check.
 */
// eslint-disable-next-line no-control-regex -- these characters are what it looks for
const IGNORED_IN_URLS = /[\u0000-\u0020\u007f-\u009f]+/g;

/** Whether a link target is one a course page may have. */
function isSafeHref(href: string): boolean {
  const url = href.replace(IGNORED_IN_URLS, '');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'carrel') return /^carrel:(?:page|file)\//i.test(url);
  if (scheme) return LINK_SCHEMES.has(scheme);
  // Protocol-relative (`//host`) and root-relative paths point outside the pack.
  return !/^[\\/]/.test(url);
}

/** Whether an image, video or audio source points into the pack's assets, never out of them with `..`. */
function isPackAsset(src: string): boolean {
  const url = src.replace(IGNORED_IN_URLS, '');
  return url.startsWith('assets/') && !url.includes('\\') && !/(?:^|\/)\.\.(?:\/|$)/.test(url);
}

/** Keeps the declarations of a style attribute that set an allowed property to a plain value. */
function filterStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).trim();
    if (STYLE_PROPERTIES.has(property) && CSS_VALUE.test(value)) kept.push(`${property}:${value}`);
  }
  return kept.join(';');
}

/** What an allowed element's attribute keeps of its value; undefined when the attribute is dropped. */
function keptValue(tag: string, allowed: ReadonlySet<string>, attribute: string, value: string): string | undefined {
  if (!allowed.has(attribute)) return undefined;
  if (value === '' && NON_BOOLEAN.has(attribute)) return undefined;
  if (attribute === 'href' && !isSafeHref(value)) return undefined;
  if (attribute === 'src' && !(MEDIA.has(tag) && isPackAsset(value))) return undefined;
  if (attribute === 'style') return filterStyle(value) || undefined;
  return value;
}

/**
 * What the allowlist keeps of an attribute the compiler writes on an element it generates
 * (attribute lists), so that markup needs no sanitizing afterwards; undefined when it is dropped.
 * Names are compared in lowercase, as HTML reads them.
 */
export function allowedAttribute(tag: string, attribute: string, value: string): string | undefined {
  const allowed = ALLOWED.get(tag);
  return allowed ? keptValue(tag, allowed, attribute.toLowerCase(), value) : undefined;
}

export interface SanitizeOptions {
  /** Receives the value of every id attribute written, for checking links to anchors. */
  ids?: Set<string>;
  /**
   * Receives the visible text of what is written (see search-documents.ts): text as a reader sees
   * it, with a space where a tag separates words; SVG pictures are a space, their titles no text.
   */
  text?: (text: string) => void;
}

/** Whether a character is whitespace as `\s` has it. */
const isSpace = (code: number) =>
  code === 0x20 ||
  (code >= 0x09 && code <= 0x0d) ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000 ||
  code === 0xfeff;
const BLANK = /^\s*$/;

/** Written tags that separate words: `<br>`, `<hr>`, and the ends of these elements. */
const BREAKS_AFTER = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'pre',
  'summary',
  'label',
  // A deletion is followed by what replaces it: `fewer` then `more`, not `fewermore`.
  'del',
]);

/** A reviewer's comment (pymdownx.critic) is not part of the word before it. */
const isEditComment = (name: string, attribs: Record<string, string>) =>
  name === 'span' && attribs.class === 'critic comment';

/**
 * Footnote markers (`<a class="footnote-ref">1</a>`) and the links back from the notes (↩) are
 * not words of the text: left in, "well¹" would be indexed as "well1".
 */
const isFootnoteMarker = (name: string, attribs: Record<string, string>) =>
  name === 'a' && (attribs.class === 'footnote-ref' || attribs.class === 'footnote-backref');

/** Most tags the compiler writes have no attributes; theirs are written once, here. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const BARE_TAGS = new Map(
  [...ALLOWED.keys()]
    .filter((tag) => tag !== 'input')
    .map((tag) => [tag, SELF_CLOSING.has(tag) ? `<${tag} />` : `<${tag}>`]),
);
const CLOSING_TAGS = new Map([...ALLOWED.keys()].map((tag) => [tag, `</${tag}>`]));

/** An open element, and whether its tags are written. */
interface OpenElement {
  name: string;
  written: boolean;
  /** Whether the element's whole content is being dropped because of it. */
  drops: boolean;
  /** Whether its text is left out of the search text (it is still written). */
  unsearched: boolean;
}

/**
 * Writes the sanitized HTML from a tokenizer's events. What it reports (ids, text) is kept until
 * the end, so a tokenizer that gives up half-way (see writeWellFormed) leaves no trace.
 */
class SanitizedWriter {
  /** The HTML written, in pieces: joined once, they make a flat string (a chain of `+=` would not). */
  readonly html: string[] = [];
  /**
   * The visible text, in pieces. Whitespace right after whitespace is left out: search text folds
   * each run into one space anyway, and pages have a line break between most of their tags.
   */
  private readonly text: string[] = [];
  private textEndsInSpace = true;
  readonly ids: string[] = [];
  private readonly open: OpenElement[] = [];
  /** How many open elements are dropping their content. */
  private dropping = 0;
  /** Inside a written <svg>, up to the first </svg>: a picture, not text. */
  private inSvg = false;
  /** How many open elements keep their text out of the search text. */
  private unsearched = 0;

  constructor(private readonly collectText: boolean) {}

  get top(): OpenElement | undefined {
    return this.open.at(-1);
  }

  /** Opens an element; true when it starts dropping content (it is dropped with its content). */
  openElement(name: string, attribs: Record<string, string>, hidden: boolean): boolean {
    const skipping = this.dropping > 0 || hidden;
    const drops = !skipping && DROPPED_WITH_CONTENT.has(name);
    const tag = skipping || drops ? undefined : this.openTag(name, attribs);
    const unsearched = tag !== undefined && isFootnoteMarker(name, attribs);
    this.open.push({ name, written: tag !== undefined, drops: drops || this.dropping > 0, unsearched });
    if (drops || this.dropping > 0) this.dropping++;
    if (unsearched) this.unsearched++;
    if (tag === undefined) return drops;
    this.html.push(tag);
    if (this.collectText && !this.inSvg) {
      if (name === 'svg') this.inSvg = true;
      else if (name === 'br' || name === 'hr' || isEditComment(name, attribs)) this.gap();
    }
    return false;
  }

  writeText(text: string, hidden: boolean): void {
    if (this.dropping > 0 || hidden) return;
    this.html.push(escapeText(text));
    if (!this.collectText || this.inSvg || this.unsearched > 0 || !text) return;
    if (isSpace(text.charCodeAt(0)) && BLANK.test(text)) this.gap();
    else {
      this.text.push(text);
      this.textEndsInSpace = isSpace(text.charCodeAt(text.length - 1));
    }
  }

  closeElement(): void {
    const element = this.open.pop();
    if (!element) return;
    if (element.drops) this.dropping--;
    if (element.unsearched) this.unsearched--;
    if (!element.written || SELF_CLOSING.has(element.name)) return;
    this.html.push(CLOSING_TAGS.get(element.name) ?? `</${element.name}>`);
    if (!this.collectText) return;
    if (this.inSvg) {
      if (element.name === 'svg') {
        this.inSvg = false;
        this.gap();
      }
    } else if (BREAKS_AFTER.has(element.name)) this.gap();
  }

  /** Closes what is still open at the end of the input, as htmlparser2 does. */
  closeAll(): void {
    while (this.open.length) this.closeElement();
  }

  /** Words on either side of here stay apart. */
  private gap(): void {
    if (this.textEndsInSpace) return;
    this.text.push(' ');
    this.textEndsInSpace = true;
  }

  report(options: SanitizeOptions): void {
    if (options.ids) for (const id of this.ids) options.ids.add(id);
    options.text?.(this.text.join(''));
  }

  private openTag(name: string, attribs: Record<string, string>): string | undefined {
    if (attribs === NO_ATTRIBUTES) return BARE_TAGS.get(name);
    const allowed = ALLOWED.get(name);
    if (!allowed) return undefined;
    // Checkboxes are task lists, radios are content tabs; no other input is content.
    if (name === 'input' && attribs.type !== 'checkbox' && attribs.type !== 'radio') return undefined;
    let tag = `<${name}`;
    for (const attribute in attribs) {
      const value = keptValue(name, allowed, attribute, attribs[attribute]!);
      if (value === undefined) continue;
      if (attribute === 'id') this.ids.push(value);
      tag +=
        value === ''
          ? attribute === 'alt'
            ? ' alt=""'
            : ` ${attribute}`
          : ` ${attribute}="${escapeAttribute(value)}"`;
    }
    return SELF_CLOSING.has(name) ? `${tag} />` : `${tag}>`;
  }
}

/** htmlparser2's elements that close open ones when they start (`<p>` ends an open `<p>`). */
const P_ONLY = ['p'];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'];
const FORM_ELEMENTS = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>(
  Object.entries({
    tr: ['tr', 'th', 'td'],
    th: ['th'],
    td: ['thead', 'th', 'td'],
    body: ['head', 'link', 'script'],
    a: ['a'],
    li: ['li'],
    p: P_ONLY,
    h1: HEADINGS,
    h2: HEADINGS,
    h3: HEADINGS,
    h4: HEADINGS,
    h5: HEADINGS,
    h6: HEADINGS,
    select: FORM_ELEMENTS,
    input: FORM_ELEMENTS,
    output: FORM_ELEMENTS,
    button: FORM_ELEMENTS,
    datalist: FORM_ELEMENTS,
    textarea: FORM_ELEMENTS,
    option: ['option'],
    optgroup: ['optgroup', 'option'],
    dd: ['dd', 'dt'],
    dt: ['dd', 'dt'],
    rt: ['rt', 'rp'],
    rp: ['rt', 'rp'],
    tbody: ['thead', 'tbody'],
    tfoot: ['thead', 'tbody'],
    ...Object.fromEntries(
      [
        'address',
        'article',
        'aside',
        'blockquote',
        'details',
        'div',
        'dl',
        'fieldset',
        'figcaption',
        'figure',
        'footer',
        'form',
        'header',
        'hr',
        'main',
        'nav',
        'ol',
        'pre',
        'section',
        'table',
        'ul',
      ].map((tag) => [tag, P_ONLY]),
    ),
  }).map(([tag, closes]) => [tag, new Set(closes)]),
);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/**
 * Elements htmlparser2 reads differently from other markup: raw text (script, style, title…),
 * foreign content (svg, math, where `<path/>` closes itself), a second form that is ignored, and
 * everything dropped with its content.
 */
const NOT_PLAIN = new Set([...DROPPED_WITH_CONTENT, 'title', 'svg', 'math', 'form']);

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:[ \t\n\f\r]+[a-z][a-z0-9-]*(?:="[^"]*")?)*)[ \t\n\f\r]*\/?>/y;
const ATTRIBUTE = /[ \t\n\f\r]+([a-z][a-z0-9-]*)(?:="([^"]*)")?/y;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ENTITY = /&(?:amp|lt|gt|quot|#39);/g;

/** Decodes the few entities HTML written by a program uses; undefined when there is any other `&`. */
function decodeSimple(text: string): string | undefined {
  let count = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) count++;
  const decoded = text.replace(ENTITY, (entity) => {
    count--;
    return ENTITIES[entity]!;
  });
  return count === 0 ? decoded : undefined;
}

/**
 * Compiled pages are mostly markup written by the compiler itself: lowercase tags, double-quoted
 * attributes, balanced elements, no raw text. Such HTML is tokenized here with a few regular
 * expressions, several times faster than htmlparser2's general tokenizer, and written by the same
 * writer. Anything else (a tag htmlparser2 closes implicitly, an entity other than the five
 * common ones, raw text, SVG, a comment…) makes it give up, and htmlparser2 reads the whole input.
 * The two agree on every input this accepts, which the tests check.
 */
function writeWellFormed(html: string, writer: SanitizedWriter): boolean {
  if (html.includes('\0')) return false;
  let at = 0;
  for (;;) {
    const start = html.indexOf('<', at);
    const end = start === -1 ? html.length : start;
    if (end > at) {
      let text = html.slice(at, end);
      if (text.includes('&')) {
        const decoded = decodeSimple(text);
        if (decoded === undefined) return false;
        text = decoded;
      }
      writer.writeText(text, false);
    }
    if (start === -1) break;
    TAG.lastIndex = start;
    const tag = TAG.exec(html);
    if (!tag) return false;
    at = TAG.lastIndex;
    const [, closing, name, attributes] = tag as unknown as [string, string, string, string];
    if (closing) {
      if (attributes || writer.top?.name !== name) return false;
      writer.closeElement();
      continue;
    }
    const top = writer.top;
    if (NOT_PLAIN.has(name) || (top && OPEN_IMPLIES_CLOSE.get(name)?.has(top.name))) return false;
    const attribs: Record<string, string> = attributes ? {} : NO_ATTRIBUTES;
    for (let next = 0; next < attributes.length; next = ATTRIBUTE.lastIndex) {
      ATTRIBUTE.lastIndex = next;
      const attribute = ATTRIBUTE.exec(attributes)!;
      let value = attribute[2] ?? '';
      if (value.includes('&')) {
        const decoded = decodeSimple(value);
        if (decoded === undefined) return false;
        value = decoded;
      }
      if (!Object.hasOwn(attribs, attribute[1]!)) attribs[attribute[1]!] = value;
    }
    writer.openElement(name, attribs, false);
    if (VOID.has(name)) writer.closeElement();
  }
  writer.closeAll();
  return true;
}

/** Any HTML, read by htmlparser2 as browsers read it (closely enough for an allowlist). */
function writeAny(html: string, writer: SanitizedWriter): void {
  /**
   * Browsers read <noscript> as raw text up to `</noscript`, while htmlparser2 reads markup in it
   * and may close it early (`<noscript></div><img …>`): everything up to the browser's end is dropped.
   */
  let rawTextEnd = -1;
  const inRawText = () => {
    if (rawTextEnd !== -1 && parser.startIndex >= rawTextEnd) rawTextEnd = -1;
    return rawTextEnd !== -1;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (writer.openElement(name, attribs, inRawText()) && name === 'noscript') {
          const end = /<\/noscript[\t\n\f\r />]/gi;
          end.lastIndex = parser.endIndex + 1;
          rawTextEnd = end.exec(html)?.index ?? html.length;
        }
      },
      ontext(text) {
        writer.writeText(text, inRawText());
      },
      onclosetag() {
        writer.closeElement();
      },
    },
    { lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
}

export function sanitizeCompiledHtml(html: string, options: SanitizeOptions = {}): string {
  const collectText = options.text !== undefined;
  let writer = new SanitizedWriter(collectText);
  if (!writeWellFormed(html, writer)) {
    writer = new SanitizedWriter(collectText);
    writeAny(html, writer);
  }
  writer.report(options);
  return writer.html.join('');
}
