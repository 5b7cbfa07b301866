import DOMPurify, { type Config, type UponSanitizeAttributeHookEvent } from 'dompurify';
import { courseAssetBase } from './api';

/**
 * Course HTML is sanitized when it is compiled and again here, right before it enters the page:
 * a pack from elsewhere is never trusted to have been compiled by this Carrel. The references a
 * compiled page may hold are described in electron/core/course/links.ts; nothing else survives,
 * and nothing that survives can make the page reach the network.
 */
const COURSE_ASSET_PREFIX = 'assets/';

/**
 * DOMPurify tests every attribute that is not on its short "URI-safe" list against this pattern,
 * `type="radio"` and `viewBox="0 0 24 24"` included, so it admits values without a scheme and
 * the schemes course links use (http, https, mailto, tel, carrel:) and nothing else. Which links and
 * sources may actually stay is decided below, attribute by attribute.
 */
const ALLOWED_VALUE = /^(?:(?:https?|mailto|tel|carrel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
/** Links: web, mail and phone go to the system, carrel: pages and files stay inside, # is this page. */
const COURSE_LINK = /^(?:https?:|mailto:|tel:|carrel:page\/|carrel:file\/|#)/i;
/** Sources: only the pack's own files, `assets/<path>`, rewritten to where the course is served. */
const MEDIA = new Set(['IMG', 'VIDEO', 'AUDIO', 'SOURCE']);
/** CSS that could fetch something (`url()`, `image-set()`, `@import`) or run something. */
const LOADING_CSS = /url\s*\(|image(?:-set)?\s*\(|@import|expression\s*\(|\\/i;
/** SVG paint and filter references may point into the document (`url(#id)`), never outside it. */
const EXTERNAL_REFERENCE = /url\s*\(\s*['"]?\s*[^#'"\s]/i;
const SVG_REFERENCE_ATTRS = new Set([
  'fill',
  'stroke',
  'filter',
  'mask',
  'clip-path',
  'marker-start',
  'marker-mid',
  'marker-end',
  'cursor',
]);

const COURSE_CONFIG: Config = {
  // MathML is kept for packs that carry it; KaTeX's HTML output needs only spans and their styles.
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  ADD_ATTR: ['align', 'loading'],
  ALLOWED_URI_REGEXP: ALLOWED_VALUE,
  FORBID_TAGS: [
    'style',
    'form',
    'iframe',
    'object',
    'embed',
    'base',
    'meta',
    'link',
    'image',
    'use',
    'track',
    'button',
    'select',
    'textarea',
  ],
  FORBID_ATTR: ['srcset', 'poster', 'background', 'ping', 'target', 'formaction', 'xlink:href', 'action'],
  ALLOW_DATA_ATTR: false,
  // Heading ids such as "images" or "links" shadow `document` properties, and DOMPurify would drop
  // them, breaking anchors. Nothing here can clobber: no forms, embeds or named images survive.
  SANITIZE_DOM: false,
};

const coursePurifier = DOMPurify();
let assetBase = '';

coursePurifier.addHook('uponSanitizeAttribute', (node: Element, data: UponSanitizeAttributeHookEvent) => {
  const value = data.attrValue;
  if (data.attrName === 'href' && !COURSE_LINK.test(value)) data.keepAttr = false;
  else if (data.attrName === 'src' && !(MEDIA.has(node.nodeName) && value.startsWith(COURSE_ASSET_PREFIX)))
    data.keepAttr = false;
  else if (data.attrName === 'style' && LOADING_CSS.test(value)) data.keepAttr = false;
  else if (SVG_REFERENCE_ATTRS.has(data.attrName) && EXTERNAL_REFERENCE.test(value)) data.keepAttr = false;
  // A name only groups content tabs' radio inputs; on anything else it could shadow document properties.
  if (data.attrName === 'name' && node.nodeName !== 'INPUT') data.keepAttr = false;
});

coursePurifier.addHook('afterSanitizeAttributes', (node: Element) => {
  if (MEDIA.has(node.nodeName)) {
    const src = node.getAttribute('src');
    if (src) node.setAttribute('src', assetBase + src.slice(COURSE_ASSET_PREFIX.length));
    if (node.nodeName === 'IMG') node.setAttribute('loading', 'lazy');
    if (node.nodeName === 'VIDEO' || node.nodeName === 'AUDIO') {
      node.setAttribute('controls', '');
      node.setAttribute('preload', 'metadata');
    }
  }
  if (node.nodeName === 'INPUT') {
    const type = node.getAttribute('type');
    // Radios are content tabs; checkboxes are task lists, which a student reads and cannot tick.
    if (type === 'checkbox') node.setAttribute('disabled', '');
    else if (type !== 'radio') node.remove();
  }
  if (node.nodeName === 'A' && node.getAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
});

export function sanitizeCourseHtml(html: string, courseId: string): string {
  assetBase = courseAssetBase(courseId);
  return coursePurifier.sanitize(html, COURSE_CONFIG);
}

/** A student's own note: Markdown rendered to HTML, with no images or media from anywhere. */
export function sanitizeNoteHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['img', 'video', 'audio', 'iframe', 'style', 'form', 'object', 'embed', 'base', 'meta', 'link'],
    ALLOW_DATA_ATTR: false,
  });
}
