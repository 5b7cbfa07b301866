// With its extension, so the unit tests' Node resolution finds it as well as Vite does.
import type { CompiledPage, PageNode, SectionSummary } from '../../../electron/contract.js';

/**
 * The links a compiled page holds (electron/core/course/links.ts) and where each one leads:
 *   carrel:page/<path>#<anchor>   a place in another page of the course
 *   #<anchor>                     a place in this page, maybe in another of its sections
 *   carrel:file/<path>            a course file that is not a page, opened by another app
 */
export type CourseLink =
  | { kind: 'page'; pagePath: string; anchor: string | null }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'file'; path: string; fileName: string };

const PAGE_PREFIX = 'carrel:page/';
const FILE_PREFIX = 'carrel:file/';

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** What an href of course content points at, or null when it is not a course link. */
export function parseCourseLink(href: string): CourseLink | null {
  if (href.startsWith('#')) {
    const anchor = decode(href.slice(1));
    return anchor ? { kind: 'anchor', anchor } : null;
  }
  if (href.startsWith(PAGE_PREFIX)) {
    const rest = href.slice(PAGE_PREFIX.length);
    const hashAt = rest.indexOf('#');
    const pagePath = decode(hashAt === -1 ? rest : rest.slice(0, hashAt));
    const anchor = hashAt === -1 ? null : decode(rest.slice(hashAt + 1)) || null;
    return pagePath ? { kind: 'page', pagePath, anchor } : null;
  }
  if (href.startsWith(FILE_PREFIX)) {
    // The path stays encoded: it goes to the app as a URL path, checked there like an asset's.
    const path = href.slice(FILE_PREFIX.length);
    const fileName = decode(path.split('/').pop() ?? '');
    return path && fileName ? { kind: 'file', path, fileName } : null;
  }
  return null;
}

const hasId = (html: string, id: string) => html.includes(`id="${id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);

/**
 * The section of a page that holds an anchor: the one whose heading it is, whose table of
 * contents lists it, or (when the page is loaded) whose HTML has an element with that id, such
 * as a footnote. Otherwise the page's first section: the student lands on the right page.
 */
export function sectionForAnchor(
  sections: readonly { page: Pick<PageNode, 'path'>; section: Pick<SectionSummary, 'id' | 'toc'> }[],
  pagePath: string,
  anchor: string | null,
  loadedPage: CompiledPage | null,
): string | null {
  const onPage = sections.filter((entry) => entry.page.path === pagePath);
  if (!anchor) return onPage[0]?.section.id ?? null;
  const found =
    onPage.find(({ section }) => section.id === `${pagePath}#${anchor}` || section.toc.some((h) => h.id === anchor)) ??
    (loadedPage?.path === pagePath
      ? onPage.find(({ section }) => hasId(loadedPage.sections.find((s) => s.id === section.id)?.html ?? '', anchor))
      : undefined);
  return (found ?? onPage[0])?.section.id ?? null;
}
