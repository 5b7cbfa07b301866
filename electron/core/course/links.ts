import path from 'node:path/posix';

/**
 * How compiled pages point at things. Relative references in the Markdown are resolved against
 * the page and rewritten so that nothing in a page depends on where the course is installed:
 *
 *   carrel:page/<page path>#<anchor>   another page of the course (path relative to the docs
 *                                      folder, each segment percent-encoded); the renderer
 *                                      navigates to it inside Carrel
 *   #<anchor>                          a place on the same page
 *   carrel:file/<file path>            a course file that is not a page (PDF, CSV…): shipped in
 *                                      the pack's assets/, opened with the operating system
 *                                      after the student confirms
 *   assets/<file path>                 the `src` of an image or local video/audio (with
 *                                      Material's `#only-light` or `#only-dark` kept)
 *   http(s)://…, mailto:…              unchanged: opened in the system browser or mail client
 */
export const PAGE_LINK_PREFIX = 'carrel:page/';
export const FILE_LINK_PREFIX = 'carrel:file/';
export const ASSET_URL_PREFIX = 'assets/';

export const encodePath = (relativePath: string) => relativePath.split('/').map(encodeURIComponent).join('/');

export type ResolvedReference =
  | { kind: 'external'; href: string }
  | { kind: 'anchor'; href: string; anchor: string }
  | { kind: 'page'; href: string; target: string; anchor: string | undefined }
  | { kind: 'file'; href: string; target: string }
  | { kind: 'unresolved'; target: string | undefined; reason: string };

/** What the compiler knows about the course's files while resolving references. */
export interface CourseFiles {
  /** Whether a Markdown page of the course has this path. */
  isPage(docsPath: string): boolean;
  isFile(docsPath: string): boolean;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits `dir/page.md?x#anchor` into a course path (resolved against the page) and an anchor. */
function resolvePath(href: string, pagePath: string): { target: string | undefined; anchor: string | undefined } {
  const hashAt = href.indexOf('#');
  const anchor = hashAt === -1 ? undefined : safeDecode(href.slice(hashAt + 1));
  const pathPart = safeDecode((hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, ''));
  const joined = path.normalize(path.join(path.dirname(pagePath), pathPart));
  if (joined === '..' || joined.startsWith('../')) return { target: undefined, anchor };
  return { target: joined === '.' ? '' : joined.replace(/\/$/, ''), anchor };
}

/** Resolves a link's href on a page. */
export function resolveLink(href: string, pagePath: string, files: CourseFiles): ResolvedReference {
  const trimmed = href.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme) {
    return SAFE_SCHEMES.has(scheme)
      ? { kind: 'external', href: trimmed }
      : { kind: 'unresolved', target: undefined, reason: `uses the ${scheme}: scheme, which course pages may not use` };
  }
  if (trimmed.startsWith('//')) return { kind: 'external', href: `https:${trimmed}` };
  if (trimmed.startsWith('#')) {
    const anchor = safeDecode(trimmed.slice(1));
    return { kind: 'anchor', href: `#${encodeURIComponent(anchor).replace(/%3A/g, ':')}`, anchor };
  }
  if (trimmed.startsWith('/'))
    return {
      kind: 'unresolved',
      target: undefined,
      reason: 'is an absolute path; link to course files with relative paths',
    };
  const { target, anchor } = resolvePath(trimmed, pagePath);
  if (target === undefined) return { kind: 'unresolved', target, reason: 'points outside the course folder' };
  const candidates = target.endsWith('.md')
    ? [target]
    : [target, target ? `${target}/index.md` : 'index.md', `${target}.md`];
  // isPage knows which files are pages: Markdown, and notebooks where the course shows them.
  const page = candidates.find((c) => files.isPage(c));
  if (page) {
    const fragment = anchor ? `#${encodeURIComponent(anchor).replace(/%3A/g, ':')}` : '';
    return {
      kind: 'page',
      href: `${PAGE_LINK_PREFIX}${encodePath(page)}${fragment}`,
      target: page,
      anchor: anchor || undefined,
    };
  }
  if (target.endsWith('.md'))
    return { kind: 'unresolved', target, reason: `points to ${target}, which does not exist` };
  if (target && files.isFile(target)) return { kind: 'file', href: `${FILE_LINK_PREFIX}${encodePath(target)}`, target };
  return { kind: 'unresolved', target, reason: `points to ${target || 'the course folder'}, which does not exist` };
}

export type ResolvedSource =
  | { kind: 'asset'; src: string; target: string }
  | { kind: 'remote'; url: string }
  | { kind: 'unresolved'; target: string | undefined; reason: string };

/** Resolves an image (or video/audio) source: only files inside the course are ever shown. */
export function resolveSource(src: string, pagePath: string, files: CourseFiles): ResolvedSource {
  const trimmed = src.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', url: trimmed };
  if (trimmed.startsWith('//')) return { kind: 'remote', url: `https:${trimmed}` };
  if (scheme)
    return {
      kind: 'unresolved',
      target: undefined,
      reason: `uses the ${scheme}: scheme; images must be files of the course`,
    };
  if (trimmed.startsWith('/'))
    return { kind: 'unresolved', target: undefined, reason: 'is an absolute path; use a path relative to the page' };
  const { target } = resolvePath(trimmed, pagePath);
  if (!target) return { kind: 'unresolved', target, reason: 'points outside the course folder' };
  if (!files.isFile(target))
    return {
      kind: 'unresolved',
      target,
      reason: target === trimmed ? 'was not found' : `was not found (looked for ${target})`,
    };
  // Material shows `image.png#only-light` in the light theme only and `#only-dark` in the dark one.
  const theme = /#only-(?:light|dark)$/.exec(trimmed)?.[0] ?? '';
  return { kind: 'asset', src: ASSET_URL_PREFIX + encodePath(target) + theme, target };
}

/** The host to show for a remote URL, or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
