import sanitizeHtml from 'sanitize-html';

/**
 * The allowlist every compiled page passes through before it is stored in a pack. The renderer
 * sanitizes again (DOMPurify) before inserting, so neither side alone has to be perfect.
 * Nothing here can load from the network: images and media may only point into the pack.
 */
const PROSE_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn', 'time',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  'a', 'img', 'figure', 'figcaption', 'span', 'div', 'details', 'summary', 'input', 'label', 'section', 'aside',
  'svg', 'path', 'g', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse', 'title',
];

const SVG_ATTRS = ['viewbox', 'xmlns', 'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'd', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'points', 'width', 'height', 'transform', 'fill-rule', 'clip-rule', 'aria-hidden', 'focusable'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: PROSE_TAGS,
  allowedAttributes: {
    '*': ['id', 'class', 'title', 'lang', 'dir', 'align'],
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    th: ['colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
    ol: ['start', 'type'],
    details: ['open'],
    input: ['type', 'checked', 'disabled'],
    time: ['datetime'],
    svg: SVG_ATTRS,
    path: SVG_ATTRS,
    g: SVG_ATTRS,
    circle: SVG_ATTRS,
    rect: SVG_ATTRS,
    line: SVG_ATTRS,
    polyline: SVG_ATTRS,
    polygon: SVG_ATTRS,
    ellipse: SVG_ATTRS,
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images only from inside the pack: a relative path, never a remote or data URL.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  parser: { lowerCaseAttributeNames: true },
};

export function sanitizeCompiledHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
