import DOMPurify from 'dompurify';
import { courseAssetBase } from './api';

/**
 * Course HTML is sanitized when it is compiled and again here, right before it enters the page:
 * a pack from elsewhere is never trusted to have been compiled by this Carrel.
 */
const COURSE_ASSET_PREFIX = 'assets/';

export function sanitizeCourseHtml(html: string, courseId: string): string {
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLImageElement) {
      const src = node.getAttribute('src') ?? '';
      // Only the course's own files may be shown; anything else would be a network request.
      if (src.startsWith(COURSE_ASSET_PREFIX)) node.setAttribute('src', courseAssetBase(courseId) + src.slice(COURSE_ASSET_PREFIX.length));
      else node.removeAttribute('src');
      node.setAttribute('loading', 'lazy');
    }
    if (node instanceof HTMLAnchorElement && node.getAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
  });
  try {
    return DOMPurify.sanitize(html, {
      USE_PROFILES: { html: true, svg: true },
      ADD_ATTR: ['align'],
      FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed', 'base', 'meta', 'link'],
      ALLOW_DATA_ATTR: false,
    });
  } finally {
    DOMPurify.removeHook('afterSanitizeAttributes');
  }
}

/** A student's own note: Markdown rendered to HTML, with no images or media from anywhere. */
export function sanitizeNoteHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['img', 'video', 'audio', 'iframe', 'style', 'form', 'object', 'embed', 'base', 'meta', 'link'],
    ALLOW_DATA_ATTR: false,
  });
}
